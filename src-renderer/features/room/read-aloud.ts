/**
 * Guidance under these labels is the wording the officer says to her: she hears it anyway, and
 * the officer needs it in view while asking, so room mode leaves it on screen. Every other
 * guidance (follow-ups, evidence to ask for) is the officer's and waits behind the disclosure.
 */
const READ_ALOUD_LABELS: ReadonlySet<string> = new Set(['digital.sayItPlainly', 'risk.sayItPlainly']);

export function isReadAloud(labelKey: string): boolean {
  return READ_ALOUD_LABELS.has(labelKey);
}
