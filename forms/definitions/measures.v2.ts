import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { measuresV1 } from './measures.v1';

/** The authority's decision, once a measure is granted: who, from when, until when. */
const DECIDED = ['granted', 'inForce', 'ended'];

/**
 * Version 2 of step 7: her position and each measure's state keep their history (who set which
 * value, when), and a temporary ban from residence records the decision as risk-tool.md lists
 * it. Version 1 stays as it was for the hearings opened under it.
 */
export const measuresV2 = {
  ...measuresV1,
  version: 2,
  fields: measuresV1.fields.flatMap((field): FieldDefinitionInput[] => {
    const tracked =
      field.id.endsWith('Position') || field.id.endsWith('State') ? { ...field, keepHistory: true } : field;
    if (field.id !== 'residenceBanState') return [tracked];
    return [
      tracked,
      {
        id: 'residenceBanDecidedBy',
        kind: 'shortText',
        labelKey: 'form.measures.residenceBan.decidedBy',
        visibleWhen: { field: 'residenceBanState', in: DECIDED },
        maxLength: 200,
      },
      {
        id: 'residenceBanStart',
        kind: 'dateTime',
        labelKey: 'form.measures.residenceBan.start',
        helpKey: 'form.measures.residenceBan.durationHelp',
        visibleWhen: { field: 'residenceBanState', in: DECIDED },
      },
      {
        id: 'residenceBanEnd',
        kind: 'dateTime',
        labelKey: 'form.measures.residenceBan.end',
        visibleWhen: { field: 'residenceBanState', in: DECIDED },
      },
      {
        id: 'residenceBanNotified',
        kind: 'dateTime',
        labelKey: 'form.measures.residenceBan.notified',
        visibleWhen: { field: 'residenceBanState', in: DECIDED },
      },
    ];
  }),
} satisfies FormDefinitionInput;
