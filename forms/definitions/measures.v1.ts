import type { FieldDefinitionInput, FormDefinitionInput } from '../definition-schema';
import { FIELDS } from '../fields.generated';

/** Her position on a measure: asked for, recorded as she gives it. */
const POSITION = [
  { value: 'wants', labelKey: 'form.measures.position.wants' },
  { value: 'refuses', labelKey: 'form.measures.position.refuses' },
  { value: 'undecided', labelKey: 'form.measures.position.undecided' },
];

/** Where the measure stands (risk-tool.md, "Protection measures: what to record"). */
const STATE = [
  { value: 'proposed', labelKey: 'form.measures.state.proposed' },
  { value: 'discussed', labelKey: 'form.measures.state.discussed' },
  { value: 'requested', labelKey: 'form.measures.state.requested' },
  { value: 'granted', labelKey: 'form.measures.state.granted' },
  { value: 'refusedByAuthority', labelKey: 'form.measures.state.refusedByAuthority' },
  { value: 'inForce', labelKey: 'form.measures.state.inForce' },
  { value: 'ended', labelKey: 'form.measures.state.ended' },
  { value: 'notPursued', labelKey: 'form.measures.state.notPursued' },
];

/** The measures of Art. 15 §4, in the order the step asks about them. */
export const MEASURES = ['residenceBan', 'contactBan', 'addressProtection', 'alarm'] as const;
export type Measure = (typeof MEASURES)[number];

/** The field ids of one measure: her position, where it stands, the notes (`residenceBanState`...). */
export const measureFieldIds = <M extends Measure>(measure: M) =>
  ({ position: `${measure}Position`, state: `${measure}State`, notes: `${measure}Notes` }) as const;

/** The measures the prosecutor decides (risk-tool.md, "Protection measures"): the request asks for these. */
export const PROSECUTOR_MEASURES = ['residenceBan', 'contactBan', 'alarm'] as const satisfies readonly Measure[];
const ASKED_STATES: readonly unknown[] = ['requested', 'granted', 'inForce'];

/** The prosecutor's measures recorded as asked for (requested, or already granted or in force), in step order. */
export function measuresAskedOfProsecutor(answers: Readonly<Record<string, unknown>>): Measure[] {
  // A residence ban marked as not applicable (measures@3) is asked of nobody, whatever state it kept.
  const applies = answers[FIELDS.measures.residenceBanApplies];
  return PROSECUTOR_MEASURES.filter(
    (m) =>
      ASKED_STATES.includes(answers[measureFieldIds(m).state]) &&
      !(m === 'residenceBan' && applies !== undefined && applies !== null && applies !== 'yes'),
  );
}

/** The same three questions for each measure, under its own ids. */
function measure(id: Measure): FieldDefinitionInput[] {
  const ids = measureFieldIds(id);
  return [
    {
      id: ids.position,
      kind: 'singleChoice',
      labelKey: `form.measures.${id}.position`,
      helpKey: `form.measures.${id}.help`,
      requiredToClose: true,
      options: POSITION,
    },
    {
      id: ids.state,
      kind: 'singleChoice',
      display: 'select',
      labelKey: `form.measures.${id}.state`,
      requiredToClose: true,
      options: STATE,
    },
    { id: ids.notes, kind: 'longText', labelKey: `form.measures.${id}.notes`, maxLength: 5_000 },
  ];
}

/**
 * Step 7 (Art. 15 §4): each measure discussed with her. Her refusal is recorded as such and
 * changes none of her rights.
 */
export const measuresV1 = {
  id: 'measures',
  version: 1,
  titleKey: 'form.measures.title',
  fields: [
    ...MEASURES.flatMap(measure),
    {
      id: 'childrenMeasures',
      kind: 'longText',
      labelKey: 'form.measures.childrenMeasures.label',
      helpKey: 'form.measures.childrenMeasures.help',
      maxLength: 10_000,
    },
  ],
} satisfies FormDefinitionInput;
