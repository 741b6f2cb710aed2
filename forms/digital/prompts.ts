import { FIELDS, FORMS } from '../fields.generated';

/**
 * The digital-violence catalogue (digital-violence.md, section A): headings G0 to G9 and their
 * 36 prompts. The wording lives in the officer catalogs under digital.prompts.*; here, what the
 * app reasons with: which prompts have follow-ups and evidence to ask for, and which offences
 * each may point to (offences.ts).
 */
export const DIGITAL_HEADINGS = ['G0', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9'] as const;
export type DigitalHeading = (typeof DIGITAL_HEADINGS)[number];

export const DIGITAL_ANSWERS = ['yes', 'no', 'unsure', 'declined'] as const;
export type DigitalAnswer = (typeof DIGITAL_ANSWERS)[number];

export interface DigitalPrompt {
  id: string;
  /** Follow-ups and the evidence to ask for, when the answer opens them. */
  guided: boolean;
  offences: string[];
  /**
   * An open question (which devices, how he would notice a change, how to reach her safely): from
   * digital@2 on, answered in her words, never yes or no. It feeds no signal and names no offence.
   */
  inWords?: true;
  /** What an earlier step already recorded of it, copied as the answer's draft (ask once). */
  draftFrom?: { form: string; field: string };
}

const p = (id: string, offences: string[], guided = true): DigitalPrompt => ({ id, guided, offences });
const open = (id: string, guided: boolean, draftFrom?: DigitalPrompt['draftFrom']): DigitalPrompt => ({
  id,
  guided,
  offences: [],
  inWords: true,
  ...(draftFrom ? { draftFrom } : {}),
});

export const DIGITAL_PROMPTS: DigitalPrompt[] = [
  open('G0.1', true),
  p('G0.2', ['stalking']),
  p('G0.3', ['hacking']),
  p('G1.1', ['stalking']),
  p('G1.2', ['stalking', 'hacking']),
  p('G1.3', ['stalking']),
  p('G1.4', ['interception', 'hacking', 'stalking']),
  p('G1.5', ['stalking', 'voyeurism', 'interception']),
  p('G2.1', ['interception', 'hacking', 'stalking']),
  p('G2.2', ['interception', 'hacking', 'stalking']),
  p('G2.3', ['hacking', 'interception']),
  p('G2.4', ['hacking']),
  p('G3.1', ['hacking', 'stalking']),
  p('G3.2', ['computerForgery', 'falseName', 'defamation', 'stalking']),
  p('G3.3', ['computerFraud', 'fraud', 'computerForgery', 'stalking']),
  p('G3.4', ['stalking', 'defamation']),
  p('G4.1', ['stalking', 'extortion']),
  p('G4.2', ['computerFraud', 'fraud']),
  p('G4.3', ['stalking']),
  p('G5.1', ['nonConsensualDissemination', 'maliciousDissemination']),
  p('G5.2', ['extortion', 'stalking', 'threats']),
  p('G5.3', ['nonConsensualDissemination']),
  p('G5.4', ['voyeurism']),
  p('G5.5', ['stalking']),
  p('G6.1', ['stalking', 'electronicHarassment']),
  p('G6.2', ['threats', 'stalking']),
  p('G6.3', ['stalking', 'defamation']),
  p('G6.4', ['stalking', 'defamation']),
  p('G6.5', []),
  p('G7.1', ['stalking']),
  p('G7.2', ['stalking', 'interception']),
  p('G7.3', ['stalking']),
  p('G8.1', ['stalking']),
  p('G9.1', [], false),
  open('G9.2', false),
  // How to reach her safely: the people step's safe channel, which she completes here.
  open('G9.3', false, { form: FORMS.people, field: FIELDS.people.victimSafeChannelDetail }),
];

/** `G1.3` is asked as field `g13`, what she says about it as `g13Details`. */
export const promptFieldId = (promptId: string) => promptId.replace('.', '').toLowerCase();
export const promptDetailsFieldId = (promptId: string) => `${promptFieldId(promptId)}Details`;
export const promptKey = (promptId: string) => promptId.replace('.', '_');
export const headingOf = (promptId: string) => promptId.slice(0, 2) as DigitalHeading;
