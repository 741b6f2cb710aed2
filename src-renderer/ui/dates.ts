import { isCalendarDate } from '../../forms/engine';

/**
 * Dates as Belgian police write them, dd/mm/yyyy, in every interface language and whatever the
 * computer's or Chromium's locale (so never `<input type="date">`, whose order follows the
 * browser). What is stored stays ISO: `yyyy-mm-dd`, and `yyyy-mm-ddThh:mm` for a date and time.
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
/** 23/11/2026, 23.11.2026, 23-11-2026, 23 11 2026, 1/2/2026: day first, four-digit year. */
const TYPED_DAY = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/;
/** 23112026: eight digits, day first. */
const TYPED_DIGITS = /^(\d{2})(\d{2})(\d{4})$/;
/** 14:30, 14h30, 14.30, 9:05. */
const TYPED_TIME = /^([01]?\d|2[0-3])\s*[:h.]\s*([0-5]\d)$/i;

function pad(n: number | string, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * A day as typed, day first ("23/11/2026", "1.2.2026", "23112026"), in the ISO shape
 * `yyyy-mm-dd`; null when it is not a whole date (half-typed, a two-digit year, letters). The
 * shape is not a check that the day exists: "31/02/2026" gives "2026-02-31", which the answer's
 * schema refuses as a day that does not exist (forms/engine.ts `isCalendarDate`). An ISO day typed
 * or pasted as such (four-digit year first) cannot be misread and is taken as it is.
 */
export function typedDayToIso(text: string): string | null {
  const trimmed = text.trim();
  if (ISO_DAY.test(trimmed)) return trimmed;
  const match = TYPED_DAY.exec(trimmed) ?? TYPED_DIGITS.exec(trimmed);
  if (!match) return null;
  return `${match[3]}-${pad(match[2]!)}-${pad(match[1]!)}`;
}

/** A date and a time as typed ("23/11/2026 14:30"), in the ISO shape `yyyy-mm-ddThh:mm`; null when incomplete. */
export function typedDateTimeToIso(text: string): string | null {
  const trimmed = text.trim();
  if (ISO_DATE_TIME.test(trimmed)) return trimmed;
  const split = /^(.+?)(?:\s*,\s*|\s+)(\d{1,2}\s*[:h.]\s*\d{2})$/i.exec(trimmed);
  if (!split) return null;
  const day = typedDayToIso(split[1]!);
  const time = TYPED_TIME.exec(split[2]!);
  if (!day || !time) return null;
  return `${day}T${pad(time[1]!)}:${time[2]}`;
}

/** An ISO day as dd/mm/yyyy; anything else (text still being typed) as it is. */
export function isoDayToText(value: string): string {
  const iso = ISO_DAY.exec(value);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : value;
}

/** An ISO date and time as dd/mm/yyyy hh:mm; anything else as it is. */
export function isoDateTimeToText(value: string): string {
  const iso = ISO_DATE_TIME.exec(value);
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]} ${iso[4]}:${iso[5]}` : value;
}

/** Whether a value is a stored ISO day or date and time (not text still being typed). */
export function isIsoDay(value: string): boolean {
  return ISO_DAY.test(value);
}

export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value);
}

/** A day typed in a form of its own (not the form engine's): its ISO day, or null unless it is a whole day that exists. */
export function typedCalendarDay(text: string): string | null {
  const iso = typedDayToIso(text);
  return iso !== null && isCalendarDate(iso) ? iso : null;
}

/**
 * A date and time typed in a form of its own, read in the computer's time zone, as epoch
 * milliseconds; null unless whole, with a day that exists (a Date would roll 31/02 over to March).
 */
export function typedLocalDateTime(text: string): number | null {
  const iso = typedDateTimeToIso(text);
  if (iso === null || !isCalendarDate(iso.slice(0, 10))) return null;
  const at = new Date(iso).getTime();
  return Number.isNaN(at) ? null : at;
}

/** Epoch milliseconds as dd/mm/yyyy hh:mm in the computer's time zone, as `typedLocalDateTime` reads it back. */
export function localDateTimeText(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
