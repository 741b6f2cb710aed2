/**
 * Belgian time, the one clock of the domain: statistics periods, dates on printed documents and
 * "today" on screen are all Brussels wall-clock time, whatever the machine's time zone.
 */
export const BRUSSELS_TIME_ZONE = 'Europe/Brussels';

const wallClockParts = new Intl.DateTimeFormat('en-US', {
  timeZone: BRUSSELS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Brussels' offset from UTC at that instant (one hour in winter, two in summer). */
function brusselsOffsetMs(epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockParts.formatToParts(epochMs)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant it is 00:00 in Brussels on that day. Month overflow is allowed (month 13 is
 * January of the next year). Midnight never falls in a daylight-saving gap there (clocks change
 * at 02:00 and 03:00), so two rounds settle the offset.
 */
export function brusselsMidnight(year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  const guess = wall - brusselsOffsetMs(wall);
  return wall - brusselsOffsetMs(guess);
}

const isoDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: BRUSSELS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Brussels calendar day of an instant, as an ISO day (2026-11-23). */
export function brusselsDay(epochMs: number): string {
  return isoDay.format(epochMs);
}
