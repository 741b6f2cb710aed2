/** Languages of the procedure (Belgium's official languages). */
export const PROCEDURE_LANGUAGES = ['fr', 'nl', 'de'] as const;

/** Languages the officer UI is translated into. */
export const OFFICER_UI_LANGUAGES = ['fr', 'nl', 'de', 'en'] as const;
export type OfficerUiLanguage = (typeof OFFICER_UI_LANGUAGES)[number];

/**
 * Languages a victim may speak, in the order of the victim-copy specification. A victim whose
 * language is not listed is recorded as "other" with the language named in words.
 */
export const VICTIM_LANGUAGES = [
  'fr',
  'nl',
  'de',
  'en',
  'ar',
  'tr',
  'es',
  'pt',
  'it',
  'pl',
  'ro',
  'bg',
  'ru',
  'uk',
  'fa',
  'ps',
  'ti',
  'so',
  'sq',
] as const;
