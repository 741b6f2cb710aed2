import type { FormDefinition } from '../../../forms/definition-schema';
import type { Answers, AnswerValue } from '../../../forms/engine';
import { formRegistry } from '../../../forms/registry';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { call } from '../../api/client';
import { autosaveQueueFor, type AutosaveQueue } from '../../form-engine/autosave';

export type LoadedHearing = ChannelOutput<'hearings.load'>;

export interface Step {
  formId: string;
  /** Null when this app version does not know the form version the hearing was taken under. */
  form: FormDefinition | null;
  queue: AutosaveQueue;
}

/** The hearing's steps, each with its autosave queue, and the answers each step opens with. */
export function prepareSteps(loaded: LoadedHearing): { steps: Step[]; answers: Record<string, Partial<Answers>> } {
  const answers: Record<string, Partial<Answers>> = {};
  const steps = loaded.forms.map(({ formId, formVersion }) => {
    const queue = autosaveQueueFor(loaded.hearing.id, formId, (input) => call('hearings.saveAnswers', input));
    const stored = loaded.answers.filter((a) => a.formId === formId);
    queue.setRevisions(stored.map((a) => [a.fieldId, a.revision]));
    queue.setSavedTimes(stored.map((a) => [a.fieldId, a.updatedAt]));
    const values: Partial<Answers> = Object.fromEntries(stored.map((a) => [a.fieldId, a.value as AnswerValue]));
    // What was typed but not yet confirmed (before a lock, or while saving failed) wins.
    for (const [fieldId, value] of queue.unsavedValues()) values[fieldId] = value;
    // So does an answer that could not be saved as typed (a date half-typed): it is shown again.
    for (const [fieldId, value] of queue.invalidValues()) values[fieldId] = value;
    answers[formId] = values;
    // The version the hearing was opened under, not the newest: old hearings open as they were taken.
    return { formId, form: formRegistry.get(formId, formVersion) ?? null, queue };
  });
  return { steps, answers };
}

/** Every service id a step's answers chose. */
export function chosenServices(answers: Partial<Answers>): string[] {
  return Object.values(answers).flatMap((value) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [],
  );
}

/**
 * Where a hearing opened from the list resumes: the step of the answer saved last (main's own
 * record, so nothing about it is kept in the browser); a hearing with no answer starts at step 1.
 */
export function resumeStep(loaded: LoadedHearing): string | undefined {
  let last: { formId: string; updatedAt: number } | undefined;
  for (const answer of loaded.answers) if (!last || answer.updatedAt > last.updatedAt) last = answer;
  return last?.formId;
}
