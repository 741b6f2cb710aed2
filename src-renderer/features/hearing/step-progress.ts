import type { FormDefinition } from '../../../forms/definition-schema';
import { missingBeforeClose, type Answers } from '../../../forms/engine';

/** What the step list says of a step: how many items are left, or complete, or not started. */
export type StepProgress = { state: 'missing'; count: number } | { state: 'complete' } | { state: 'notStarted' };

/**
 * A step's progress. A step that asks nothing before closing (the copy and documents) is not
 * "complete" on a new hearing: until one of its answers is given it is "not started".
 */
export function stepProgress(form: FormDefinition | null, answers: Partial<Answers>, otherMissing = 0): StepProgress {
  const count = (form ? missingBeforeClose(form, answers).length : 0) + otherMissing;
  if (count > 0) return { state: 'missing', count };
  const answered = Object.values(answers).some(
    (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
  return answered ? { state: 'complete' } : { state: 'notStarted' };
}
