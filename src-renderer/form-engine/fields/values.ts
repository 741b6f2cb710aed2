import type { FieldDefinition } from '../../../forms/definition-schema';
import type { AnswerValue, GroupItem } from '../../../forms/engine';

/** What the form's inputs hold, by react-hook-form path. */
export type Values = Record<string, unknown>;

/** The period control keeps all three shapes while typing; only the chosen one is the answer. */
export type PeriodDraft = { mode?: string; on?: string; from?: string; to?: string; about?: string };

/** What the inputs hold, turned into the answer the engine validates: "" is "no answer". */
export function toAnswer(field: FieldDefinition, raw: unknown): AnswerValue {
  if (raw === undefined || raw === '') return null;
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
      return draft.on ? { on: draft.on } : null;
    case 'between':
      return draft.from || draft.to ? { from: draft.from ?? '', to: draft.to ?? '' } : null;
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
    if ('on' in value) return { mode: 'on', on: value.on };
    if ('from' in value) return { mode: 'between', from: value.from, to: value.to };
    return { mode: 'about', about: value.about };
  }
  if (field.kind === 'group') {
    return ((value as GroupItem[] | null) ?? []).map((item) => ({
      key: item.key,
      values: Object.fromEntries(field.fields.map((sub) => [sub.id, toDraft(sub, item.values[sub.id])])),
    }));
  }
  if (field.kind === 'multiChoice' || field.kind === 'serviceChoice') return value ?? [];
  return value ?? '';
}
