import { formatDay } from '../../i18n';

/** A calendar day, in the interface's language, machine-readable too. */
export function Day({ day, language }: { day: string; language: string }) {
  return <time dateTime={day}>{formatDay(day, language)}</time>;
}
