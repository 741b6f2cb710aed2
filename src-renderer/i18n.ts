import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { OfficerUiLanguage } from '../forms/languages';
import { storeUiLanguage, storedUiLanguage, systemUiLanguage } from './preferences';

export const LOCALES: Record<OfficerUiLanguage, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' };

/**
 * Each interface language is its own chunk, loaded when first used: an officer works in one
 * language, and the three others would only lengthen every start.
 */
const CATALOGS: Record<OfficerUiLanguage, () => Promise<{ default: object }>> = {
  fr: () => import('../forms/catalogs/officer/fr.json'),
  nl: () => import('../forms/catalogs/officer/nl.json'),
  de: () => import('../forms/catalogs/officer/de.json'),
  en: () => import('../forms/catalogs/officer/en.json'),
};

async function catalog(language: OfficerUiLanguage): Promise<object> {
  return (await CATALOGS[language]()).default;
}

export async function initI18n(): Promise<void> {
  const language = storedUiLanguage() ?? systemUiLanguage();
  await i18next.use(initReactI18next).init({
    resources: { [language]: { translation: await catalog(language) } },
    lng: language,
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
  if (!i18next.hasResourceBundle(language, 'translation')) i18next.addResourceBundle(language, 'translation', await catalog(language));
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
