import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { OfficerUiLanguage } from '../domain/languages';
import { brusselsDay } from '../domain/brussels-time';
import { TRANSLATION_OPTIONS } from '../forms/translation';
import { officerCatalog } from './officer-catalogs';
import { storeUiLanguage, storedUiLanguage, systemUiLanguage } from './preferences';

export const LOCALES: Record<OfficerUiLanguage, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' };

async function catalog(language: OfficerUiLanguage): Promise<object> {
  return officerCatalog(language);
}

export async function initI18n(): Promise<void> {
  const language = storedUiLanguage() ?? systemUiLanguage();
  await i18next.use(initReactI18next).init({
    resources: { [language]: { translation: await catalog(language) } },
    ...TRANSLATION_OPTIONS,
    lng: language,
  });
  applyDocumentLanguage(i18next.language as OfficerUiLanguage);
}

export async function changeUiLanguage(language: OfficerUiLanguage): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation'))
    i18next.addResourceBundle(language, 'translation', await catalog(language));
  await i18next.changeLanguage(language);
  storeUiLanguage(language);
  applyDocumentLanguage(language);
}

function applyDocumentLanguage(language: OfficerUiLanguage): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
  document.title = i18next.t('app.name');
}

/**
 * Formatters by locale and style: building an Intl.DateTimeFormat costs far more than using one,
 * and a record can show hundreds of times (each right explained, each history entry).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = LOCALES[language as OfficerUiLanguage] ?? 'fr-BE';
  const key = `${locale} ${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.DateTimeFormat(locale, options)));
  return found;
}

export function formatDateTime(epochMs: number, language: string): string {
  return formatter(language, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

export function formatTime(epochMs: number, language: string): string {
  return formatter(language, { timeStyle: 'medium' }).format(epochMs);
}

/** An ISO day (2026-11-23) as the officer's language writes it. */
export function formatDay(day: string, language: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return formatter(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(year!, month! - 1, date!));
}

/** Today in Brussels, as an ISO day. */
export function brusselsToday(): string {
  return brusselsDay(Date.now());
}
