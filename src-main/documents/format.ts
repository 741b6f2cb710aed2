import { BRUSSELS_TIME_ZONE } from '../../domain/brussels-time';

/**
 * Dates and times on printed documents: always day/month/year and 24-hour time in Belgian time,
 * with Western digits, whatever the language around them, so that a date reads the same on every
 * copy and in every script. Pages wrap them in a left-to-right isolate (`<Ltr>`).
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: BRUSSELS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  numberingSystem: 'latn',
});

export function formatDateTime(at: number): string {
  const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** `2026-03-14` as 14/03/2026; `2026-03-14T21:30` as 14/03/2026 21:30; anything else as it is. */
export function formatLocalDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return value;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}:${m[5]}` : ''}`;
}
