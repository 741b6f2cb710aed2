import { z } from 'zod';
import { VICTIM_LANGUAGES } from '../../domain/languages';
import { REGIONS, SERVICE_KINDS, supportServiceSchema } from '../../domain/support-directory';
import type { RiskComparison, RiskInput, RiskResult } from '../../forms/risk/evaluate';
import { LOWERING_STATUSES, RISK_EVENT_KINDS, RISK_REVIEW_STATUSES } from '../../forms/risk/risk-definition';
import {
  custodyEventSchema,
  EVIDENCE_LIMITS,
  EVIDENCE_SENSITIVITIES,
  EVIDENCE_TYPES,
  evidenceItemSchema,
} from '../../domain/evidence-rules';
import type { ChannelName } from './channels';
import { DOCUMENT_KINDS, VICTIM_COPY_VARIANTS } from '../../domain/document-kinds';
import { SERVICE_NUMBER_MAX_LENGTH, SERVICE_NUMBER_PATTERN } from '../../domain/service-number';
import type { VictimCatalog } from '../../forms/victim-catalogs';

/**
 * The one API between the renderer and main. Every channel has an input and an output schema;
 * main validates both (src-main/api/dispatcher.ts). The renderer imports only the types.
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

const id = z.uuid();
const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'letters, digits, dot, dash and underscore');
const displayName = z.string().trim().min(1).max(120);
/** Length is checked here; strength (WEAK_PASSWORD) by the user service, so it gets its own message. */
const password = z.string().min(1).max(256);
const role = z.enum(['officer', 'supervisor', 'administrator']);
const timestamp = z.number().int().nonnegative();
const empty = z.object({}).strict();

const userView = z.object({
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
const serviceNumberValue = z
  .string()
  .trim()
  .max(SERVICE_NUMBER_MAX_LENGTH)
  .regex(SERVICE_NUMBER_PATTERN)
  .transform((v) => (v === '' ? null : v))
  .nullable();
const serviceNumber = serviceNumberValue.default(null);
export type UserView = z.infer<typeof userView>;

const unitName = z.string().trim().normalize('NFC').min(1).max(80);
const unitView = z.object({ id, name: z.string(), createdAt: timestamp });
export type UnitView = z.infer<typeof unitView>;

const sessionView = z.object({
  user: userView.nullable(),
  locked: z.boolean(),
  idleLockSeconds: z.number().int().positive(),
});
export type SessionView = z.infer<typeof sessionView>;

const hearingSummary = z.object({
  id,
  reference: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: timestamp,
  updatedAt: timestamp,
  closedAt: timestamp.nullable(),
});
export type HearingSummary = z.infer<typeof hearingSummary>;

const formId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9-]*$/)
  .max(64);
const fieldId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/)
  .max(64);
/**
 * Any JSON here, bounded in size; the field's own rules (kind, length, options, dates) come from
 * the form definition the hearing was opened under (forms/engine.ts).
 */
const MAX_ANSWER_JSON = 400_000;
const answerValue = z
  .json()
  .refine((value) => JSON.stringify(value).length <= MAX_ANSWER_JSON, { error: 'answer too large' });

const storedAnswer = z.object({
  formId,
  fieldId,
  formVersion: z.number().int().positive(),
  value: answerValue,
  revision: z.number().int().positive(),
  updatedAt: timestamp,
});
export type StoredAnswer = z.infer<typeof storedAnswer>;

const riskLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
/** Professional judgement: a level and the written reason for it. */
const judgementInput = z.object({ level: riskLevel, reason: z.string().trim().min(1).max(5_000) }).strict();

const riskAssessmentView = z.object({
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

const riskQueueItem = z.object({
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
});
export type RiskQueueItem = z.infer<typeof riskQueueItem>;

const supportServiceView = z.object({
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

const addendumView = z.object({ id, text: z.string(), createdAt: timestamp, createdByName: z.string() });
export type AddendumView = z.infer<typeof addendumView>;

/**
 * Art. 9 statistics: days in Brussels time, both included, at most ten years apart (the service,
 * src-main/services/statistics.ts, checks the same for callers in Node).
 */
const isStatisticsDay = (d: unknown): d is string =>
  typeof d === 'string' && z.iso.date().safeParse(d).success && d >= '2000-01-01' && d <= '2099-12-31';
const statisticsDay = z.string().refine(isStatisticsDay, { error: 'statistics.invalidDate' });
/** The range rules only once both days are valid, so each problem is reported once. */
const bothDays = (q: { from: unknown; to: unknown }) => !isStatisticsDay(q.from) || !isStatisticsDay(q.to);
const statisticsQuery = z
  .object({ from: statisticsDay, to: statisticsDay, granularity: z.enum(['month', 'quarter', 'year']) })
  .strict()
  .refine((q) => bothDays(q) || q.from <= q.to, { error: 'statistics.rangeReversed', path: ['to'] })
  .refine((q) => bothDays(q) || q.to < `${Number(q.from.slice(0, 4)) + 10}${q.from.slice(4)}`, {
    error: 'statistics.rangeTooLong',
    path: ['to'],
  });
/** Counts only: a period, a table and a category code from fixed lists, never stored text. */
const statisticsRow = z
  .object({
    period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/),
    measure: z.enum([
      'complaints',
      'formOfViolence',
      'riskLevel',
      'measureRequested',
      'measureGranted',
      'temporaryBan',
    ]),
    category: z.string().regex(/^[a-z][a-zA-Z]{0,39}$/),
    count: z.number().int().nonnegative().nullable(),
    suppressed: z.enum(['small', 'complementary']).nullable(),
  })
  .strict()
  .refine((r) => (r.count === null) === (r.suppressed !== null), { error: 'a count is either printed or suppressed' });
export type StatisticsRowView = z.infer<typeof statisticsRow>;

/** The evidence register (domain/evidence-rules.ts holds the rules both sides apply to an item). */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const evidenceFileView = z.object({
  id,
  originalName: z.string(),
  size: z.number().int().nonnegative(),
  sha256: sha256Hex,
  importedAt: timestamp,
  importedByName: z.string(),
});
export type EvidenceFileView = z.infer<typeof evidenceFileView>;
const custodyEventView = z.object({
  id,
  handedTo: z.string(),
  handedAt: timestamp,
  medium: z.string(),
  note: z.string(),
  recordedAt: timestamp,
  recordedByName: z.string(),
});
export type CustodyEventView = z.infer<typeof custodyEventView>;
const evidenceItemView = z.object({
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

const printedDocumentView = z.object({
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
const pdfBase64 = z.string().max(40_000_000);

/** What a verification of the audit chain can find (src-main/services/audit.ts says what each means). */
export const AUDIT_BREAK_KINDS = ['altered', 'truncated', 'sealMissing', 'sealInvalid'] as const;
const auditSeq = z.number().int().nonnegative();
const auditVerificationView = z.object({
  scope: z.enum(['full', 'sinceCheckpoint']),
  fromSeq: auditSeq,
  verifiedUpTo: auditSeq,
  lastSeq: auditSeq,
  at: timestamp,
  ms: z.number().nonnegative(),
  broken: z.object({ kind: z.enum(AUDIT_BREAK_KINDS), seq: auditSeq.nullable() }).nullable(),
});
export type AuditVerificationView = z.infer<typeof auditVerificationView>;
const auditStatusView = z.object({
  verification: auditVerificationView,
  atStart: auditVerificationView,
  lastFull: auditVerificationView.nullable(),
  keyedFrom: auditSeq,
  reported: z.array(
    z.object({ entrySeq: auditSeq, at: timestamp, kind: z.enum(AUDIT_BREAK_KINDS), brokenAt: auditSeq.nullable() }),
  ),
});
export type AuditStatusView = z.infer<typeof auditStatusView>;

const reviewField = z
  .string()
  .regex(/^[a-zA-Z0-9.-]+$/)
  .max(120);
const reviewMatch = z.object({
  certainty: z.enum(['definite', 'near']),
  kind: z.enum(['address', 'stayingAt', 'safeChannel', 'shelter', 'riskWording', 'officerWithheld']),
  rule: z.string(),
  /** The reason she gave when she released this near match; null while it is withheld. */
  released: z.string().nullable(),
});
const copyReviewView = z.object({
  /** The hearing holds where she is: her copy is printed only once every text was reviewed. */
  required: z.boolean(),
  complete: z.boolean(),
  fields: z.array(
    z.object({
      field: reviewField,
      label: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
      sha256: sha256Hex,
      /** Reviewed already, as it stands (a new addendum is not). */
      reviewed: z.boolean(),
      pieces: z.array(z.object({ text: z.string(), match: reviewMatch.optional() })),
    }),
  ),
  decisions: z.object({
    withheld: z.array(z.string()),
    released: z.array(z.object({ field: z.string(), passage: z.string(), reason: z.string() })),
  }),
});

/**
 * The browser host's upload (POST /api/evidence/upload): not a channel, since its body is the
 * file itself, streamed; the dispatcher checks these and the session as for any channel, and
 * answers with the output of evidence.importFiles.
 */
export const evidenceUploadSchema = z
  .object({
    hearingId: id,
    itemId: id,
    originalName: z
      .string()
      .min(1)
      .max(4 * EVIDENCE_LIMITS.fileName),
    expectedSize: z.number().int().nonnegative(),
  })
  .strict();

export const contract = {
  'setup.status': {
    input: empty,
    output: z.object({ needsSetup: z.boolean(), passwordMinLength: z.number().int().positive() }),
  },
  'setup.createAdministrator': {
    input: z.object({ username, displayName, password }).strict(),
    output: sessionView,
  },
  'session.current': { input: empty, output: sessionView },
  'session.login': { input: z.object({ username, password }).strict(), output: sessionView },
  'session.logout': { input: empty, output: sessionView },
  'session.lock': { input: empty, output: sessionView },
  'session.unlock': { input: z.object({ password }).strict(), output: sessionView },
  'session.changePassword': {
    input: z.object({ currentPassword: password, newPassword: password }).strict(),
    output: sessionView,
  },
  'users.list': { input: empty, output: z.object({ users: z.array(userView) }) },
  'users.create': {
    // Officers and supervisors need a unit, administrators have none (UNIT_REQUIRED, UNIT_NOT_ALLOWED).
    input: z
      .object({ username, displayName, password, role, unitId: id.nullable().default(null), serviceNumber })
      .strict(),
    output: z.object({ user: userView }),
  },
  'users.update': {
    // Left out, the service number stays as it is; null clears it.
    input: z
      .object({ userId: id, displayName, role, unitId: id.nullable(), serviceNumber: serviceNumberValue.optional() })
      .strict(),
    output: z.object({ user: userView }),
  },
  'users.setActive': {
    input: z.object({ userId: id, active: z.boolean() }).strict(),
    output: z.object({ user: userView }),
  },
  'users.resetPassword': { input: z.object({ userId: id, password }).strict(), output: z.object({ user: userView }) },
  'units.list': { input: empty, output: z.object({ units: z.array(unitView) }) },
  'units.save': {
    input: z.object({ id: id.optional(), name: unitName }).strict(),
    output: z.object({ unit: unitView }),
  },
  'hearings.create': { input: empty, output: z.object({ hearing: hearingSummary }) },
  'hearings.listMine': {
    input: empty,
    output: z.object({ open: z.array(hearingSummary), recentlyClosed: z.array(hearingSummary) }),
  },
  'hearings.load': {
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      hearing: hearingSummary,
      /** `review`: a supervisor of the unit reading it; nothing but the review is open to her. */
      access: z.enum(['owner', 'review']),
      settings: z.object({ residenceBanDays: z.number().int().positive() }),
      forms: z.array(z.object({ formId, formVersion: z.number().int().positive() })),
      answers: z.array(storedAnswer),
      statement: z.object({ approvedAt: timestamp, approvedByName: z.string(), sha256: z.string() }).nullable(),
      addenda: z.array(addendumView),
      /** Every value of the fields that keep their history, oldest first. */
      history: z.array(z.object({ formId, fieldId, value: answerValue, at: timestamp, byName: z.string() })),
    }),
  },
  'hearings.saveAnswers': {
    input: z
      .object({
        hearingId: id,
        formId,
        changes: z
          .array(z.object({ fieldId, value: answerValue, baseRevision: z.number().int().nonnegative() }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
    output: z.object({
      savedAt: timestamp,
      revisions: z.array(z.object({ fieldId, revision: z.number().int().positive() })),
    }),
  },
  'hearings.approveStatement': {
    // The revision of the text she heard: a newer one (from another window) is not what she approved.
    input: z.object({ hearingId: id, textRevision: z.number().int().positive() }).strict(),
    output: z.object({ approvedAt: timestamp, sha256: z.string() }),
  },
  'hearings.addAddendum': {
    input: z.object({ hearingId: id, text: z.string().trim().min(1).max(20_000) }).strict(),
    output: z.object({ addendum: addendumView }),
  },
  'hearings.close': {
    input: z.object({ hearingId: id }).strict(),
    output: z.object({ closedAt: timestamp }),
  },
  'risk.history': {
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      assessments: z.array(riskAssessmentView),
      events: z.array(
        z.object({ id, kind: z.enum(RISK_EVENT_KINDS), note: z.string(), at: timestamp, recordedByName: z.string() }),
      ),
    }),
  },
  'risk.submit': {
    input: z
      .object({
        hearingId: id,
        definitionVersion: z.number().int().positive(),
        trigger: z.enum(['initial', 'scheduled', ...RISK_EVENT_KINDS]),
        raise: judgementInput.optional(),
        lowering: judgementInput.optional(),
      })
      .strict(),
    output: z.object({ assessmentId: id, level: riskLevel }),
  },
  'risk.review': {
    input: z
      .object({
        assessmentId: id,
        decision: z.enum(['approve', 'return']),
        comment: z.string().max(5_000).optional(),
        lowering: z.enum(['approve', 'refuse']).optional(),
      })
      .strict(),
    output: z.object({ level: riskLevel, reviewStatus: z.enum(RISK_REVIEW_STATUSES) }),
  },
  'risk.noteEvent': {
    input: z.object({ hearingId: id, kind: z.enum(RISK_EVENT_KINDS), note: z.string().trim().max(5_000) }).strict(),
    output: z.object({ eventId: id }),
  },
  /** A page of each list (awaiting review; reassessment due), with how many there are in all. */
  'risk.queue': {
    input: empty,
    output: z.object({
      items: z.array(riskQueueItem).max(200),
      pendingTotal: z.number().int().nonnegative(),
      dueTotal: z.number().int().nonnegative(),
    }),
  },
  'directory.list': { input: empty, output: z.object({ services: z.array(supportServiceView) }) },
  'directory.save': {
    input: z.object({ id: id.optional(), service: supportServiceSchema }).strict(),
    output: z.object({ service: supportServiceView }),
  },
  'statistics.export': {
    input: statisticsQuery,
    output: z.object({
      from: z.string(),
      to: z.string(),
      granularity: z.enum(['month', 'quarter', 'year']),
      rows: z.array(statisticsRow),
      threshold: z.number().int().positive(),
      generatedAt: timestamp,
    }),
  },
  'documents.create': {
    input: z
      .object({
        hearingId: id,
        kind: z.enum(DOCUMENT_KINDS),
        /** Only the victim's copy has a discreet variant (no police header, no narrative). */
        variant: z.enum(VICTIM_COPY_VARIANTS).default('full'),
        /** `pdf`: the PDF comes back to be shown or downloaded; `printer`: the system print dialog (Electron). */
        output: z.enum(['pdf', 'printer']),
      })
      .strict(),
    /** Null when she cancelled the print dialog: nothing was printed, nothing archived. */
    output: z.object({ document: printedDocumentView.nullable(), pdfBase64: pdfBase64.nullable() }),
  },
  'documents.list': {
    input: z.object({ hearingId: id }).strict(),
    output: z.object({ documents: z.array(printedDocumentView) }),
  },
  'documents.download': {
    input: z.object({ documentId: id }).strict(),
    output: z.object({ document: printedDocumentView, pdfBase64 }),
  },
  'documents.save': { input: z.object({ documentId: id }).strict(), output: z.object({ saved: z.boolean() }) },
  'documents.followUps': {
    /** `mine`: the caller's own hearings; `unit`: a supervisor's unit. */
    input: z.object({ scope: z.enum(['mine', 'unit']) }).strict(),
    output: z.object({
      translations: z.array(
        z.object({
          hearingId: id,
          reference: z.string(),
          officerName: z.string(),
          requestedAt: timestamp,
          dueAt: timestamp,
        }),
      ),
    }),
  },
  'documents.victimCatalogs': {
    input: empty,
    output: z.object({
      // Main's own files, validated when they were read (forms/victim-catalogs.ts).
      catalogs: z.array(z.custom<VictimCatalog>()),
      refused: z.array(z.object({ file: z.string(), problems: z.array(z.string()) })),
    }),
  },
  /** Before her copy's first print: every text of the hearing with what will be withheld and every near match. */
  'documents.reviewPreview': { input: z.object({ hearingId: id }).strict(), output: copyReviewView },
  /** The officer's decisions: passages she withholds on top of the matches, near matches she releases and why. */
  'documents.saveReview': {
    input: z
      .object({
        hearingId: id,
        /** The texts she read, as the preview gave them: a text changed since is refused (STALE_REVISION). */
        fields: z.array(z.object({ field: reviewField, sha256: sha256Hex }).strict()).max(500),
        withhold: z.array(z.string().trim().min(3).max(1_000)).max(100),
        release: z
          .array(
            z
              .object({
                field: reviewField,
                passage: z.string().min(1).max(1_000),
                reason: z.string().trim().min(5).max(1_000),
              })
              .strict(),
          )
          .max(100),
      })
      .strict(),
    output: z.object({ saved: z.literal(true) }),
  },
  'evidence.list': {
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      access: z.enum(['owner', 'review']),
      hearingOpen: z.boolean(),
      items: z.array(evidenceItemView),
      /** Computed (and audited) at every listing: the JSON text and its SHA-256 for the report. */
      manifest: z.object({
        json: z.string(),
        sha256: sha256Hex,
        items: z.number().int().nonnegative(),
        files: z.number().int().nonnegative(),
      }),
    }),
  },
  'evidence.save': {
    // A new item without itemId; a correction names the item and the revision it was read at.
    input: z
      .object({
        hearingId: id,
        itemId: id.optional(),
        revision: z.number().int().positive().optional(),
        item: evidenceItemSchema,
      })
      .strict()
      .refine((i) => (i.itemId === undefined) === (i.revision === undefined), {
        error: 'itemId and revision go together',
        path: ['revision'],
      }),
    output: z.object({ item: evidenceItemView }),
  },
  'evidence.recordCustody': {
    input: z.object({ hearingId: id, itemId: id, ...custodyEventSchema.shape }).strict(),
    output: z.object({ event: custodyEventView }),
  },
  /** Electron: main opens its own file dialog and imports what the officer chose (never a path from here). */
  'evidence.importFiles': {
    input: z.object({ hearingId: id, itemId: id }).strict(),
    output: z.object({ files: z.array(evidenceFileView) }),
  },
  'evidence.verifyFile': {
    input: z.object({ hearingId: id, fileId: id }).strict(),
    output: z.object({
      fileId: id,
      ok: z.boolean(),
      problem: z.enum(['missing', 'altered']).nullable(),
      sha256: sha256Hex,
    }),
  },
  /** `sinceCheckpoint`: the entries since the last verified one (quick); `full`: from the first entry. */
  'audit.verify': { input: z.object({ scope: z.enum(['sinceCheckpoint', 'full']) }).strict(), output: auditStatusView },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}
