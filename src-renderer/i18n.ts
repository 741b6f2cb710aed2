import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from '../forms/catalogs/officer/de.json';
import en from '../forms/catalogs/officer/en.json';
import fr from '../forms/catalogs/officer/fr.json';
import nl from '../forms/catalogs/officer/nl.json';
import type { OfficerUiLanguage } from '../forms/languages';
import { storeUiLanguage, storedUiLanguage, systemUiLanguage } from './preferences';

export const LOCALES: Record<OfficerUiLanguage, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' };

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, nl: { translation: nl }, de: { translation: de }, en: { translation: en } },
    lng: storedUiLanguage() ?? systemUiLanguage(),
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // Declared rather than guessed: i18next otherwise tests every key for a natural-language
    // sentence, which costs more than the lookup itself on a screen with hundreds of labels.
    keySeparator: '.',
    nsSeparator: false,
  });
  applyDocumentLanguage(i18next.language as OfficerUiLanguage);
}

export async function changeUiLanguage(language: OfficerUiLanguage): Promise<void> {
  await i18next.changeLanguage(language);
  storeUiLanguage(language);
  applyDocumentLanguage(language);
}

function applyDocumentLanguage(language: OfficerUiLanguage): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
  document.title = i18next.t('app.name');
}

export function formatDateTime(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(LOCALES[language as OfficerUiLanguage] ?? 'fr-BE', { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

export function formatTime(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(LOCALES[language as OfficerUiLanguage] ?? 'fr-BE', { timeStyle: 'medium' }).format(epochMs);
}
