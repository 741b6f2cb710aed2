import { formatNationalNumber, parseNationalNumber } from '../../../domain/national-number';
import type { FieldDefinition } from '../../../forms/definition-schema';
import type { AnswerValue, GroupItem } from '../../../forms/engine';
import type { OfficerKey } from '../../../forms/translation';
import {
  isIsoDateTime,
  isIsoDay,
  isoDateTimeToText,
  isoDayToText,
  typedDateTimeToIso,
  typedDayToIso,
} from '../../ui/dates';

/** What the form's inputs hold, by react-hook-form path. */
export type Values = Record<string, unknown>;

/** The period control keeps all three shapes while typing; only the chosen one is the answer. */
export type PeriodDraft = { mode?: string; on?: string; from?: string; to?: string; about?: string };

/**
 * A date as typed (dd/mm/yyyy) is the answer in ISO; text that is not yet a whole date stays as
 * typed, so that the answer's schema refuses it and it is never sent.
 */
function typedDay(raw: string): string {
  return typedDayToIso(raw) ?? raw.trim();
}

/**
 * A national number as typed (dots, dashes, spaces) is the answer as its eleven digits; a number
 * the register's rule refuses stays as typed, so that the answer's schema refuses it with its
 * reason, it is never sent, and the input keeps exactly what the officer typed.
 */
function typedNumber(raw: string): string {
  const parsed = parseNationalNumber(raw);
  return parsed.ok ? parsed.digits : raw.trim();
}

/** What the inputs hold, turned into the answer the engine validates: "" is "no answer". */
export function toAnswer(field: FieldDefinition, raw: unknown): AnswerValue {
  if (raw === undefined || raw === '') return null;
  if (field.kind === 'date' && typeof raw === 'string') return raw.trim() === '' ? null : typedDay(raw);
  if (field.kind === 'dateTime' && typeof raw === 'string')
    return raw.trim() === '' ? null : (typedDateTimeToIso(raw) ?? raw.trim());
  if (field.kind === 'nationalNumber' && typeof raw === 'string') return raw.trim() === '' ? null : typedNumber(raw);
  if (field.kind === 'multiChoice' || field.kind === 'serviceChoice')
    return Array.isArray(raw) && raw.length > 0 ? (raw as string[]) : null;
  if (field.kind === 'dateOrPeriod') return toPeriod(raw);
  if (field.kind === 'group') {
    return (raw as GroupItem[]).map((item) => ({
      key: item.key,
      values: Object.fromEntries(
        field.fields.map((sub) => [sub.id, toAnswer(sub, item.values?.[sub.id])]),
      ) as GroupItem['values'],
    }));
  }
  return raw as AnswerValue;
}

function toPeriod(raw: unknown): AnswerValue {
  const draft = (raw ?? {}) as PeriodDraft;
  switch (draft.mode) {
    case 'on':
      return draft.on?.trim() ? { on: typedDay(draft.on) } : null;
    case 'between': {
      const from = draft.from?.trim() ? typedDay(draft.from) : '';
      const to = draft.to?.trim() ? typedDay(draft.to) : '';
      return from || to ? { from, to } : null;
    }
    case 'about':
      return draft.about?.trim() ? { about: draft.about } : null;
    default:
      return null;
  }
}

/** An answer turned into what the inputs hold. */
export function toDraft(field: FieldDefinition, value: AnswerValue | undefined): unknown {
  if (field.kind === 'dateOrPeriod') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { mode: '' };
    if ('on' in value) return { mode: 'on', on: isoDayToText(value.on) };
    if ('from' in value) return { mode: 'between', from: isoDayToText(value.from), to: isoDayToText(value.to) };
    return { mode: 'about', about: value.about };
  }
  if (field.kind === 'group') {
    return ((value as GroupItem[] | null) ?? []).map((item) => ({
      key: item.key,
      values: Object.fromEntries(field.fields.map((sub) => [sub.id, toDraft(sub, item.values[sub.id])])),
    }));
  }
  if (field.kind === 'multiChoice' || field.kind === 'serviceChoice') return value ?? [];
  if (field.kind === 'date' && typeof value === 'string') return isoDayToText(value);
  if (field.kind === 'dateTime' && typeof value === 'string') return isoDateTimeToText(value);
  // Stored as digits, shown as written on the card; an answer left invalid is shown as it was typed.
  if (field.kind === 'nationalNumber' && typeof value === 'string')
    return parseNationalNumber(value).ok ? (formatNationalNumber(value) ?? value) : value;
  return value ?? '';
}

/**
 * Why an answer holding a date is not one yet: a date (or a date and time) still being typed, or
 * typed in another order. Null when every date in it has the ISO shape (whether that day exists
 * is the schema's to say).
 */
export function dateFormatProblem(field: FieldDefinition, value: AnswerValue): OfficerKey | null {
  if (value === null) return null;
  switch (field.kind) {
    case 'date':
      return typeof value === 'string' && !isIsoDay(value) ? 'answer.dateFormat' : null;
    case 'dateTime':
      return typeof value === 'string' && !isIsoDateTime(value) ? 'answer.dateTimeFormat' : null;
    case 'dateOrPeriod': {
      const period = value as { on?: string; from?: string; to?: string };
      const days = [period.on, period.from, period.to].filter((d): d is string => typeof d === 'string' && d !== '');
      return days.some((d) => !isIsoDay(d)) ? 'answer.dateFormat' : null;
    }
    case 'group':
      for (const item of Array.isArray(value) ? (value as GroupItem[]) : []) {
        for (const sub of field.fields) {
          const problem = dateFormatProblem(sub, item.values?.[sub.id] ?? null);
          if (problem) return problem;
        }
      }
      return null;
    default:
      return null;
  }
}
