import { z } from 'zod';

/**
 * The evidence register of the digital-violence step (digital-violence.md, C2): what one item
 * records, with the same rules in main (the contract) and in the renderer (the form).
 */
export const EVIDENCE_TYPES = ['screenshot', 'export', 'file', 'url', 'device', 'platformNotice'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/**
 * `minor`: an intimate image of a minor. Such images are never copied into the register (C1.6):
 * the item keeps a URL and a description only, and main refuses any file for it.
 */
export const EVIDENCE_SENSITIVITIES = ['none', 'intimate', 'minor', 'thirdParty'] as const;
export type EvidenceSensitivity = (typeof EVIDENCE_SENSITIVITIES)[number];

export const EVIDENCE_LIMITS = {
  description: 2_000,
  platform: 200,
  accountIds: 1_000,
  url: 2_048,
  eventTime: 100,
  eventTimeZone: 64,
  captureMethod: 200,
  toolVersion: 100,
  originalLocation: 500,
  caseNumber: 100,
  relatedPrompts: 36,
  handedTo: 200,
  medium: 200,
  note: 2_000,
  fileName: 255,
} as const;

/**
 * AES-GCM allows about 64 GiB under one IV; a hearing's evidence stays far below. A larger file
 * goes to the RCCU/FCCU as a device or an acquisition, not through this register.
 */
export const EVIDENCE_MAX_FILE_BYTES = 32 * 1024 ** 3;

/** `EV-0007`: the item's number within its hearing, as it is cited in the report. */
export function evidenceLabel(number: number): string {
  return `EV-${String(number).padStart(4, '0')}`;
}

/** http or https with a host, written out in full; anything else is not an address one can visit again. */
export function isEvidenceUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().trim().max(max, { error: 'evidence.tooLong' });
/** Left empty is the same as not given: stored as null. */
const emptyToNull = (value: string | null) => (value === '' ? null : value);
const optionalText = (max: number) => text(max).nullable().default(null).transform(emptyToNull);

/** A question of the digital-violence catalogue, `G5.2`. */
export const promptIdSchema = z.string().regex(/^G\d\.\d{1,2}$/, { error: 'evidence.invalidPrompt' });

/** One item as the officer fills it in; the same checks in both processes. */
export const evidenceItemSchema = z
  .object({
    type: z.enum(EVIDENCE_TYPES),
    description: text(EVIDENCE_LIMITS.description).min(1, { error: 'form.required' }),
    platform: optionalText(EVIDENCE_LIMITS.platform),
    accountIds: optionalText(EVIDENCE_LIMITS.accountIds),
    url: text(EVIDENCE_LIMITS.url)
      .refine((value) => value === '' || isEvidenceUrl(value), { error: 'evidence.invalidUrl' })
      .nullable()
      .default(null)
      .transform(emptyToNull),
    /** As the device or page showed it ("2 mars 2026 21:14"), with the zone it was shown in. */
    eventTime: optionalText(EVIDENCE_LIMITS.eventTime),
    eventTimeZone: optionalText(EVIDENCE_LIMITS.eventTimeZone),
    /** UTC, epoch milliseconds; main takes the time of recording when absent. */
    capturedAt: z.number().int().nonnegative().nullable().default(null),
    captureMethod: optionalText(EVIDENCE_LIMITS.captureMethod),
    toolVersion: optionalText(EVIDENCE_LIMITS.toolVersion),
    originalLocation: optionalText(EVIDENCE_LIMITS.originalLocation),
    relatedPrompts: z
      .array(promptIdSchema)
      .max(EVIDENCE_LIMITS.relatedPrompts)
      .refine((ids) => new Set(ids).size === ids.length, { error: 'evidence.invalidPrompt' })
      .default([]),
    sensitivity: z.enum(EVIDENCE_SENSITIVITIES),
    platformReportNumber: optionalText(EVIDENCE_LIMITS.caseNumber),
    stopNciiCaseNumber: optionalText(EVIDENCE_LIMITS.caseNumber),
  })
  .strict();
export type EvidenceItemInput = z.input<typeof evidenceItemSchema>;
export type EvidenceItemFields = z.output<typeof evidenceItemSchema>;

/** A hand-over of the item: to whom, when, on what medium (C4.4). */
export const custodyEventSchema = z
  .object({
    handedTo: text(EVIDENCE_LIMITS.handedTo).min(1, { error: 'form.required' }),
    handedAt: z.number().int().nonnegative(),
    medium: text(EVIDENCE_LIMITS.medium).min(1, { error: 'form.required' }),
    note: text(EVIDENCE_LIMITS.note).default(''),
  })
  .strict();
export type CustodyEventInput = z.input<typeof custodyEventSchema>;

/** Splits "G5.2, g6.2 G1.3" into prompt ids, upper-cased, in order, without repeats. */
export function parsePromptList(value: string): string[] {
  const ids = value
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  return [...new Set(ids)];
}
