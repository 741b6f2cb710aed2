import { OFFICER_UI_LANGUAGES, type OfficerUiLanguage } from '../domain/languages';

// Only the officer's UI language is remembered on this device: nothing about a hearing.
const LANGUAGE_KEY = 'hearing-desk.ui-language';

export function storedUiLanguage(): OfficerUiLanguage | null {
  const value = localStorage.getItem(LANGUAGE_KEY);
  return (OFFICER_UI_LANGUAGES as readonly string[]).includes(value ?? '') ? (value as OfficerUiLanguage) : null;
}

export function storeUiLanguage(language: OfficerUiLanguage): void {
  localStorage.setItem(LANGUAGE_KEY, language);
}

/** The language the operating system or browser prefers, when it is one of ours. */
export function systemUiLanguage(): OfficerUiLanguage {
  for (const tag of navigator.languages) {
    const base = tag.slice(0, 2).toLowerCase();
    if ((OFFICER_UI_LANGUAGES as readonly string[]).includes(base)) return base as OfficerUiLanguage;
  }
  return 'fr';
}
