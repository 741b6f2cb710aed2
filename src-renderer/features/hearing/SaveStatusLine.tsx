import type { AutosaveQueue } from '../../form-engine/autosave';
import { QueueStatus } from './QueueStatus';

/**
 * "Saved" appears only after main confirmed the durable write; failures stay on screen. A step
 * left with a failed save, or with an answer that cannot be saved as typed (a date half-typed),
 * keeps it in view from the other steps; so do answers kept on the workstation (zone mode).
 */
export function SaveStatusLine({ queues, current }: { queues: AutosaveQueue[]; current: AutosaveQueue }) {
  const failed =
    queues.find((q) => q.getStatus().state === 'error') ??
    queues.find((q) => q.getStatus().state === 'invalid') ??
    queues.find((q) => q.getStatus().state === 'keptLocally');
  return <QueueStatus queue={failed ?? current} />;
}
