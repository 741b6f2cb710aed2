import { z } from 'zod';
import { ROLES } from '../../domain/roles';
import { VICTIM_LANGUAGES } from '../../domain/languages';
import { REGIONS, SERVICE_KINDS } from '../../domain/support-directory';
import type { RiskComparison, RiskInput, RiskResult } from '../../forms/risk/evaluate';
import { LOWERING_STATUSES, RISK_REVIEW_STATUSES } from '../../forms/risk/risk-definition';
import { EVIDENCE_SENSITIVITIES, EVIDENCE_TYPES } from '../../domain/evidence-rules';
import { DOCUMENT_KINDS, VICTIM_COPY_VARIANTS } from '../../domain/document-kinds';
import { SERVICE_NUMBER_MAX_LENGTH, SERVICE_NUMBER_PATTERN } from '../../domain/service-number';

/**
 * The pieces the channels' schemas are built of (src-main/api/domains/), the views several
 * domains answer with, and the error envelope. The renderer imports only the types (through
 * contract.ts).
 */

export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'NOT_SIGNED_IN',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ALREADY_SET_UP',
  /** Also for a locked-out or deactivated account: one answer, that tells a guesser nothing. */
  'BAD_CREDENTIALS',
  'USERNAME_TAKEN',
  'WEAK_PASSWORD',
  'STALE_REVISION',
  'UNKNOWN_FIELD',
  'INVALID_ANSWER',
  'HEARING_CLOSED',
  'STATEMENT_APPROVED',
  'STATEMENT_NOT_APPROVED',
  'STATEMENT_EMPTY',
  'CANNOT_CLOSE',
  'RISK_INCOMPLETE',
  'UNKNOWN_DEFINITION_VERSION',
  'LOWERING_BELOW_FLOOR',
  'JUDGEMENT_INVALID',
  'NOT_PENDING',
  'FILE_UNREADABLE',
  'FILE_CHANGED_DURING_IMPORT',
  'FILE_TOO_LARGE',
  'DISK_FULL',
  'MINOR_IMAGES_NOT_STORED',
  'FILE_DIALOG_UNAVAILABLE',
  'UNIT_NAME_TAKEN',
  'UNIT_REQUIRED',
  'UNIT_NOT_ALLOWED',
  'CANNOT_CHANGE_OWN_ACCESS',
  'LAST_ADMINISTRATOR',
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_UNCHANGED',
  'HEARING_NOT_CLOSED',
  'DOCUMENT_NOT_APPLICABLE',
  'PRINTING_UNAVAILABLE',
  'COPY_REVIEW_REQUIRED',
  'DOCUMENT_WOULD_REVEAL',
  'UNTRUSTED_SENDER',
  /** Zone mode: the workstation could not reach the zone server (src-main/zone/). */
  'SERVER_UNREACHABLE',
  /** Zone mode: the server did not confirm these answers; the workstation's outbox keeps them and sends them later. */
  'KEPT_ON_THIS_COMPUTER',
  /** Zone mode: the Android phone check reads through adb on this computer, which the zone server cannot. */
  'PHONE_CHECK_NOT_IN_ZONE',
  /** A person confirmed or declined that the app does not propose for that hearing and role (any more). */
  'PERSON_NOT_PROPOSED',
  /** A link undone where the hearing is not linked to an earlier person. */
  'PERSON_NOT_LINKED',
  'TRANSPORT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** For logs and developers; the UI shows the translation of `code`. */
  message: z.string(),
  /** Field ids the error is about (stale or invalid answers). */
  fields: z.array(z.string()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const id = z.uuid();
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'letters, digits, dot, dash and underscore');
export const displayName = z.string().trim().min(1).max(120);
/** Length is checked here; strength (WEAK_PASSWORD) by the user service, so it gets its own message. */
export const password = z.string().min(1).max(256);
export const role = z.enum(ROLES);
export const timestamp = z.number().int().nonnegative();
export const empty = z.object({}).strict();

export const userView = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role,
  active: z.boolean(),
  unitId: id.nullable(),
  mustChangePassword: z.boolean(),
  serviceNumber: z.string().nullable(),
});
/** Printed on documents instead of the officer's name: letters, digits and separators only. */
export const serviceNumberValue = z
  .string()
  .trim()
  .max(SERVICE_NUMBER_MAX_LENGTH)
  .regex(SERVICE_NUMBER_PATTERN)
  .transform((v) => (v === '' ? null : v))
  .nullable();
export const serviceNumber = serviceNumberValue.default(null);
export type UserView = z.infer<typeof userView>;

export const unitName = z.string().trim().normalize('NFC').min(1).max(80);
export const unitView = z.object({ id, name: z.string(), createdAt: timestamp });
export type UnitView = z.infer<typeof unitView>;

export const sessionView = z.object({
  user: userView.nullable(),
  locked: z.boolean(),
  idleLockSeconds: z.number().int().positive(),
});
export type SessionView = z.infer<typeof sessionView>;

export const hearingSummary = z.object({
  id,
  reference: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: timestamp,
  updatedAt: timestamp,
  closedAt: timestamp.nullable(),
});
export type HearingSummary = z.infer<typeof hearingSummary>;

export const formId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9-]*$/)
  .max(64);
export const fieldId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/)
  .max(64);

/**
 * A hearing in the officer's list: its summary, the PV number when the documents step records
 * one, what is left to complete in each step (the close check's own count, the approval and
 * the risk assessment included) and the step where an answer was last saved (to resume there).
 */
export const hearingListEntry = hearingSummary.extend({
  pvNumber: z.string().nullable(),
  steps: z.array(z.object({ formId, missing: z.number().int().nonnegative() })),
  lastStep: formId.nullable(),
});
export type HearingListEntry = z.infer<typeof hearingListEntry>;
/**
 * Any JSON here, bounded in size; the field's own rules (kind, length, options, dates) come from
 * the form definition the hearing was opened under (forms/engine.ts).
 */
export const MAX_ANSWER_JSON = 400_000;
export const answerValue = z
  .json()
  .refine((value) => JSON.stringify(value).length <= MAX_ANSWER_JSON, { error: 'answer too large' });

export const storedAnswer = z.object({
  formId,
  fieldId,
  formVersion: z.number().int().positive(),
  value: answerValue,
  revision: z.number().int().positive(),
  updatedAt: timestamp,
});
export type StoredAnswer = z.infer<typeof storedAnswer>;

export const riskLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
/** Professional judgement: a level and the written reason for it. */
export const judgementInput = z.object({ level: riskLevel, reason: z.string().trim().min(1).max(5_000) }).strict();

export const riskAssessmentView = z.object({
  id,
  sequence: z.number().int().positive(),
  definitionVersion: z.number().int().positive(),
  trigger: z.string(),
  // Computed by main from its own definitions (forms/risk); not input from a renderer.
  input: z.custom<RiskInput>(),
  result: z.custom<RiskResult>(),
  level: riskLevel,
  raiseReason: z.string().nullable(),
  lowering: z.object({ level: riskLevel, reason: z.string(), status: z.enum(LOWERING_STATUSES) }).nullable(),
  reviewStatus: z.enum(RISK_REVIEW_STATUSES),
  reviewComment: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  nextDueAt: timestamp,
  latest: z.boolean(),
  createdByName: z.string(),
  createdAt: timestamp,
  comparison: z.custom<RiskComparison>().nullable(),
});
export type RiskAssessmentView = z.infer<typeof riskAssessmentView>;

export const riskQueueItem = z.object({
  assessmentId: id,
  hearingId: id,
  reference: z.string(),
  level: riskLevel,
  computedLevel: riskLevel,
  redFlags: z.array(z.string()),
  drivers: z.array(z.string()),
  insufficient: z.boolean(),
  reviewStatus: z.enum(RISK_REVIEW_STATUSES),
  loweringRequested: riskLevel.nullable(),
  nextDueAt: timestamp,
  overdue: z.boolean(),
  submittedAt: timestamp,
  officerName: z.string(),
  /** The same for the items of the same victim and suspect persons (issue 16); null without both. */
  pairKey: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .nullable(),
});
export type RiskQueueItem = z.infer<typeof riskQueueItem>;

export const supportServiceView = z.object({
  id,
  name: z.string(),
  kind: z.enum(SERVICE_KINDS),
  region: z.enum(REGIONS),
  languages: z.array(z.enum(VICTIM_LANGUAGES)),
  hours: z.string(),
  phone: z.string(),
  website: z.string(),
  verifiedOn: z.string().nullable(),
  active: z.boolean(),
  updatedAt: timestamp,
});
export type SupportServiceView = z.infer<typeof supportServiceView>;

export const addendumView = z.object({ id, text: z.string(), createdAt: timestamp, createdByName: z.string() });
export type AddendumView = z.infer<typeof addendumView>;

/** The evidence register (domain/evidence-rules.ts holds the rules both sides apply to an item). */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
export const evidenceFileView = z.object({
  id,
  originalName: z.string(),
  size: z.number().int().nonnegative(),
  sha256: sha256Hex,
  importedAt: timestamp,
  importedByName: z.string(),
});
export type EvidenceFileView = z.infer<typeof evidenceFileView>;
export const custodyEventView = z.object({
  id,
  handedTo: z.string(),
  handedAt: timestamp,
  medium: z.string(),
  note: z.string(),
  recordedAt: timestamp,
  recordedByName: z.string(),
});
export type CustodyEventView = z.infer<typeof custodyEventView>;
export const evidenceItemView = z.object({
  id,
  /** EV-0001 */
  label: z.string(),
  number: z.number().int().positive(),
  type: z.enum(EVIDENCE_TYPES),
  description: z.string(),
  platform: z.string().nullable(),
  accountIds: z.string().nullable(),
  url: z.string().nullable(),
  eventTime: z.string().nullable(),
  eventTimeZone: z.string().nullable(),
  capturedAt: timestamp,
  capturedByName: z.string(),
  captureMethod: z.string().nullable(),
  toolVersion: z.string().nullable(),
  originalLocation: z.string().nullable(),
  relatedPrompts: z.array(z.string()),
  sensitivity: z.enum(EVIDENCE_SENSITIVITIES),
  platformReportNumber: z.string().nullable(),
  stopNciiCaseNumber: z.string().nullable(),
  revision: z.number().int().positive(),
  createdAt: timestamp,
  updatedAt: timestamp,
  files: z.array(evidenceFileView),
  custody: z.array(custodyEventView),
});
export type EvidenceItemView = z.infer<typeof evidenceItemView>;

export const printedDocumentView = z.object({
  id,
  hearingId: id,
  kind: z.enum(DOCUMENT_KINDS),
  variant: z.enum(VICTIM_COPY_VARIANTS),
  language: z.string(),
  /** 1 for the first print, 2... for reprints. */
  sequence: z.number().int().positive(),
  sha256: sha256Hex,
  bytes: z.number().int().positive(),
  pages: z.number().int().nonnegative(),
  printedAt: timestamp,
  printedByName: z.string(),
});
export type PrintedDocumentView = z.infer<typeof printedDocumentView>;
/** A PDF, base64; bounded so that no payload can exhaust the renderer. */
export const pdfBase64 = z.string().max(40_000_000);

/** What a verification of the audit chain can find (src-main/services/audit.ts says what each means). */
export const AUDIT_BREAK_KINDS = ['altered', 'truncated', 'sealMissing', 'sealInvalid'] as const;
export const auditSeq = z.number().int().nonnegative();
export const auditVerificationView = z.object({
  scope: z.enum(['full', 'sinceCheckpoint']),
  fromSeq: auditSeq,
  verifiedUpTo: auditSeq,
  lastSeq: auditSeq,
  at: timestamp,
  ms: z.number().nonnegative(),
  broken: z.object({ kind: z.enum(AUDIT_BREAK_KINDS), seq: auditSeq.nullable() }).nullable(),
});
export type AuditVerificationView = z.infer<typeof auditVerificationView>;
export const auditStatusView = z.object({
  verification: auditVerificationView,
  atStart: auditVerificationView,
  lastFull: auditVerificationView.nullable(),
  keyedFrom: auditSeq,
  reported: z.array(
    z.object({ entrySeq: auditSeq, at: timestamp, kind: z.enum(AUDIT_BREAK_KINDS), brokenAt: auditSeq.nullable() }),
  ),
});
export type AuditStatusView = z.infer<typeof auditStatusView>;
