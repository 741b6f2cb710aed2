import type { AutosaveQueue } from '../../form-engine/autosave';
import { QueueStatus } from './QueueStatus';

/**
 * "Saved" appears only after main confirmed the durable write; failures stay on screen. A step
 * left with a failed save keeps its failure in view from the other steps.
 */
export function SaveStatusLine({ queues, current }: { queues: AutosaveQueue[]; current: AutosaveQueue }) {
  const failed = queues.find((q) => q.getStatus().state === 'error');
  return <QueueStatus queue={failed ?? current} />;
}
