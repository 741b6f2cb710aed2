import { describe, expect, it } from 'vitest';
import { FORMS } from '../../forms/answers';
import { formRegistry } from '../../forms/registry';
import { stepProgress } from '../../src-renderer/features/hearing/step-progress';

const form = (id: string) => {
  const definition = formRegistry.latest(id);
  if (!definition) throw new Error(`no form ${id}`);
  return definition;
};

describe('the step list’s progress of a step', () => {
  it('says a step that asks nothing before closing is not started until something in it is answered', () => {
    const documents = form(FORMS.documents);
    expect(stepProgress(documents, {})).toEqual({ state: 'notStarted' });
    // Emptied answers are not answers.
    expect(stepProgress(documents, { pvNumber: '', translationRequested: null })).toEqual({ state: 'notStarted' });
    expect(stepProgress(documents, { pvNumber: 'BR.12.L1.000123/2026' })).toEqual({ state: 'complete' });
  });

  it('counts what is left in a step that asks for items, with what is missing outside its form', () => {
    const people = form(FORMS.people);
    const left = stepProgress(people, {});
    expect(left.state).toBe('missing');
    expect(left.state === 'missing' && left.count).toBeGreaterThan(0);
    expect(stepProgress(form(FORMS.documents), { pvNumber: 'BR.12.L1.000123/2026' }, 1)).toEqual({
      state: 'missing',
      count: 1,
    });
    expect(stepProgress(null, {}, 2)).toEqual({ state: 'missing', count: 2 });
  });
});
