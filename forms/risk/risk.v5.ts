import { FIELDS, FORMS } from '../fields.generated';
import type { RiskDefinitionInput } from './risk-definition';
import { riskV4 } from './risk.v4';

/**
 * Version 5: the rule of version 4, unchanged; the step asks once. Items her account has already
 * answered in an earlier step start answered from it (marked with the step, editable), and only
 * where the earlier answer settles the item: an injury in this incident is A1 whatever she
 * answered; a weapon shown this time, sexual violence among the forms, an earlier complaint or a
 * child who is not his answer "yes", while a "no" there says nothing of the past and leaves the
 * item to ask. Every answer's source is the victim unless the officer names another.
 */
export const riskV5 = {
  ...riskV4,
  version: 5,
  earlierAnswers: {
    A1: (['yes', 'no', 'unknown', 'refused'] as const).map((answer) => ({
      form: FORMS.facts,
      field: FIELDS.facts.injuries,
      when: [answer],
      answer,
    })),
    A4: [{ form: FORMS.facts, field: FIELDS.facts.weapons, when: ['yes'], answer: 'yes' }],
    A6: [{ form: FORMS.facts, field: FIELDS.facts.formsOfViolence, when: ['sexual'], answer: 'yes' }],
    A9: [{ form: FORMS.facts, field: FIELDS.facts.earlierComplaints, when: ['yes'], answer: 'yes' }],
    C3: [
      {
        form: FORMS.people,
        field: `${FIELDS.people.children}.relationshipToSuspect`,
        when: ['stepchild', 'none'],
        answer: 'yes',
      },
    ],
  },
  defaultSource: 'victim',
} satisfies RiskDefinitionInput;
