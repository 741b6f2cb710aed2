import type { TFunction } from 'i18next';
import { OPTIONS } from '../forms/answers';

/**
 * A language the setup step offers for her or for the procedure (or `other`): the officer
 * catalogs name each one (`language.*`).
 */
export type LanguageOption = (typeof OPTIONS.setup.victimLanguage)[number];

const LANGUAGE_OPTIONS: readonly unknown[] = OPTIONS.setup.victimLanguage;

/** Whether a stored answer or a catalog's code is one of those languages. */
export function isLanguageOption(value: unknown): value is LanguageOption {
  return LANGUAGE_OPTIONS.includes(value);
}

/** An answer as a language the catalogs name, or null when unanswered (or not one of them). */
export function languageOrNull(value: unknown): LanguageOption | null {
  return isLanguageOption(value) ? value : null;
}

/** A language's name in the officer's language; a code the catalogs do not name, as it is. */
export function languageName(t: TFunction, code: string): string {
  return isLanguageOption(code) ? t(`language.${code}`) : code;
}
