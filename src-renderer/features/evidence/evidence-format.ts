import type { TFunction } from 'i18next';
import type { OfficerUiLanguage } from '../../../domain/languages';
import { LOCALES } from '../../i18n';

/** `2026-11-23 09:00 UTC`: capture times are recorded in UTC (C2). */
export function utcText(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "10,0 Mo (10 485 760 octets)": the exact count matters as much as the readable one. */
export function sizeText(bytes: number, language: string, t: TFunction, exact = true): string {
  const locale = LOCALES[language as OfficerUiLanguage] ?? 'fr-BE';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const readable = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
  return exact && unit > 0
    ? `${readable} (${t('evidence.files.bytes', { count: bytes, formatted: new Intl.NumberFormat(locale).format(bytes) })})`
    : readable;
}
