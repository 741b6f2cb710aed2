import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import {
  custodyEventSchema,
  EVIDENCE_LIMITS,
  evidenceItemSchema,
  parsePromptList,
  type CustodyEventInput,
  type EvidenceItemInput,
  type EvidenceSensitivity,
  type EvidenceType,
} from '../../../domain/evidence-rules';
import type { EvidenceItemView } from '../../../src-main/api/contract';
import { localDateTimeText, typedLocalDateTime } from '../../ui/dates';
import type { OfficerKey } from '../../../forms/translation';

/** What the item form's inputs hold: text as typed, the capture time in the officer's local time. */
export interface EvidenceDraft {
  type: EvidenceType | '';
  description: string;
  platform: string;
  accountIds: string;
  url: string;
  eventTime: string;
  eventTimeZone: string;
  capturedAt: string;
  captureMethod: string;
  toolVersion: string;
  originalLocation: string;
  relatedPrompts: string;
  sensitivity: EvidenceSensitivity;
  platformReportNumber: string;
  stopNciiCaseNumber: string;
}

export function draftOf(item: EvidenceItemView | null): EvidenceDraft {
  return {
    type: item?.type ?? '',
    description: item?.description ?? '',
    platform: item?.platform ?? '',
    accountIds: item?.accountIds ?? '',
    url: item?.url ?? '',
    eventTime: item?.eventTime ?? '',
    eventTimeZone: item?.eventTimeZone ?? '',
    capturedAt: localDateTimeText(item?.capturedAt ?? Date.now()),
    captureMethod: item?.captureMethod ?? '',
    toolVersion: item?.toolVersion ?? '',
    originalLocation: item?.originalLocation ?? '',
    relatedPrompts: item?.relatedPrompts.join(', ') ?? '',
    sensitivity: item?.sensitivity ?? 'none',
    platformReportNumber: item?.platformReportNumber ?? '',
    stopNciiCaseNumber: item?.stopNciiCaseNumber ?? '',
  };
}

export const TEXT_FIELDS = [
  ['platform', EVIDENCE_LIMITS.platform],
  ['accountIds', EVIDENCE_LIMITS.accountIds],
  ['url', EVIDENCE_LIMITS.url],
  ['eventTime', EVIDENCE_LIMITS.eventTime],
  ['eventTimeZone', EVIDENCE_LIMITS.eventTimeZone],
] as const;
export const CAPTURE_FIELDS = [
  ['captureMethod', EVIDENCE_LIMITS.captureMethod],
  ['toolVersion', EVIDENCE_LIMITS.toolVersion],
  ['originalLocation', EVIDENCE_LIMITS.originalLocation],
] as const;
export const CASE_FIELDS = [
  ['platformReportNumber', EVIDENCE_LIMITS.caseNumber],
  ['stopNciiCaseNumber', EVIDENCE_LIMITS.caseNumber],
] as const;

/** The item as main receives it, from what the inputs hold. */
function itemInput(draft: EvidenceDraft, initial: EvidenceDraft, item: EvidenceItemView | null): EvidenceItemInput {
  const capturedAt = typedLocalDateTime(draft.capturedAt);
  return {
    type: draft.type as EvidenceType,
    description: draft.description,
    platform: draft.platform,
    accountIds: draft.accountIds,
    url: draft.url.trim(),
    eventTime: draft.eventTime,
    eventTimeZone: draft.eventTimeZone,
    // Untouched: the time already stored (to the millisecond), or for a new item the moment main records it.
    capturedAt:
      draft.capturedAt === initial.capturedAt
        ? (item?.capturedAt ?? null)
        : draft.capturedAt === ''
          ? null
          : (capturedAt ?? -1),
    captureMethod: draft.captureMethod,
    toolVersion: draft.toolVersion,
    originalLocation: draft.originalLocation,
    relatedPrompts: parsePromptList(draft.relatedPrompts),
    sensitivity: draft.sensitivity,
    platformReportNumber: draft.platformReportNumber,
    stopNciiCaseNumber: draft.stopNciiCaseNumber,
  };
}

/**
 * A zod schema's issues as the form's errors, one per field (the first), in the schema's order,
 * each an officer catalog key: `problemOf` names the key of an issue the schema does not word.
 */
function zodFormResolver<Draft extends FieldValues, Output>(
  schema: z.ZodType,
  toInput: (draft: Draft) => Output,
  problemOf: (field: string, message: string) => string,
): Resolver<Draft, unknown, Output> {
  return (draft) => {
    const input = toInput(draft);
    const parsed = schema.safeParse(input);
    if (parsed.success) return { values: input, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'description');
      errors[field] ??= { type: issue.code, message: problemOf(field, issue.message) };
    }
    return { values: {}, errors: errors as FieldErrors<Draft> };
  };
}

const worded = (message: string) =>
  /^(evidence|form)\./.test(message) ? message : ('answer.invalid' satisfies OfficerKey);

/** The item form's check: the same schema main applies (domain/evidence-rules), on what main would receive. */
export function evidenceItemResolver(
  initial: EvidenceDraft,
  item: EvidenceItemView | null,
): Resolver<EvidenceDraft, unknown, EvidenceItemInput> {
  return zodFormResolver<EvidenceDraft, EvidenceItemInput>(
    evidenceItemSchema,
    (draft) => itemInput(draft, initial, item),
    (field, message) =>
      field === 'type'
        ? ('form.required' satisfies OfficerKey)
        : field === 'capturedAt'
          ? ('answer.impossibleDate' satisfies OfficerKey)
          : worded(message),
  );
}

/** What the hand-over form's inputs hold. */
export interface CustodyDraft {
  handedTo: string;
  handedAt: string;
  medium: string;
  note: string;
}

/** The hand-over form's check: custodyEventSchema, the time an impossible date when it is not one. */
export const custodyResolver: Resolver<CustodyDraft, unknown, CustodyEventInput> = zodFormResolver<
  CustodyDraft,
  CustodyEventInput
>(
  custodyEventSchema,
  (draft) => ({ ...draft, handedAt: typedLocalDateTime(draft.handedAt) ?? -1 }),
  (field, message) => (field === 'handedAt' ? ('answer.impossibleDate' satisfies OfficerKey) : worded(message)),
);
