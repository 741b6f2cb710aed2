import { z } from 'zod';
import { AppError } from '../app-error';
import { defineChannel, defineDomain, HEARING_ROLES, unlocked, type ApiDeps } from '../channel';
import { id, pdfBase64, printedDocumentView, sha256Hex, timestamp } from '../schemas';
import {
  CONSENT_POINTS,
  INDICATOR_BUNDLE_FILES,
  IPHONE_ANSWERS,
  PHONE_CHECK_FAILURES,
  PHONE_FINDING_CODES,
  PHONE_LEVELS,
  PHONE_OWNERS,
  SCAN_PHASES,
} from '../../../domain/phone-check';

/**
 * The phone check (digital-violence.md §D): the victim's consent, a read-only scan of her Android
 * phone in the background (polled, the same in Electron and the browser host), the result kept
 * as an encrypted evidence item, the closing guide's confirmation, the report, the iPhone
 * checklist; and for the administrator, the import of a newer indicator bundle. Only the
 * hearing's owner, and only while it is open, records anything (checked by the service).
 */

const HEARING = unlocked(HEARING_ROLES);
const ADMINISTRATOR = unlocked(['administrator']);

const findingParam = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.record(z.string(), z.number()),
]);
export const phoneFindingView = z.object({
  code: z.enum(PHONE_FINDING_CODES),
  level: z.enum(['high', 'medium', 'low', 'info']),
  params: z.record(z.string(), findingParam),
});

const checkView = z.object({
  id,
  hearingId: id,
  status: z.enum(['consented', 'scanning', 'storing', 'done', 'failed']),
  phoneOf: z.enum(PHONE_OWNERS),
  consentedAt: timestamp,
  progress: z
    .object({ phase: z.enum(SCAN_PHASES), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
    .nullable(),
  failure: z.enum(PHONE_CHECK_FAILURES).nullable(),
  result: z
    .object({
      level: z.enum(PHONE_LEVELS),
      findings: z.array(phoneFindingView),
      evidenceItemId: id,
      evidenceLabel: z.string(),
      reportSha256: sha256Hex,
      rawOutputsSha256: sha256Hex,
      device: z.object({
        model: z.string().nullable(),
        manufacturer: z.string().nullable(),
        androidRelease: z.string().nullable(),
        securityPatch: z.string().nullable(),
      }),
      driftSeconds: z.number().nullable(),
      commands: z.number().int().nonnegative(),
      packages: z.number().int().nonnegative(),
      thirdParty: z.number().int().nonnegative(),
      durationMs: z.number().nonnegative(),
      indicators: z.object({ commit: z.string(), date: z.string(), manifestSha256: sha256Hex }),
      /** The risk step's device-check answer was set (R11). */
      riskFed: z.boolean(),
    })
    .nullable(),
  closedAt: timestamp.nullable(),
  reportDocumentId: id.nullable(),
});
export type PhoneCheckView = z.infer<typeof checkView>;

const indicatorsView = z.object({
  available: z.boolean(),
  source: z.enum(['shipped', 'imported']).nullable(),
  commit: z.string().nullable(),
  date: z.string().nullable(),
  apps: z.number().int().nonnegative(),
  watchware: z.number().int().nonnegative(),
  samples: z.number().int().nonnegative(),
  /** Why the bundle was refused (a BundleRefusalCode), when it was. */
  refusal: z.string().nullable(),
});

const checkOutput = z.object({ check: checkView });

/** The handlers reach the service through deps.phoneCheck; a host built without it refuses. */
function service(deps: ApiDeps): NonNullable<ApiDeps['phoneCheck']> {
  if (!deps.phoneCheck) throw new AppError('NOT_FOUND', 'The phone check is not available in this window');
  return deps.phoneCheck;
}

export const phoneCheckChannels = defineDomain('phoneCheck', {
  'phoneCheck.overview': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      hearingOpen: z.boolean(),
      indicators: indicatorsView,
      checks: z.array(checkView),
      iphoneChecklist: z.array(z.object({ id: z.string(), lookFor: z.array(z.string()) })),
    }),
    access: HEARING,
    handler: (input, { user, deps }) => service(deps).overview(user, input.hearingId),
  }),
  /** Her consent, each point read to her and agreed (§D4.1): all four, or nothing starts. */
  'phoneCheck.recordConsent': defineChannel({
    input: z
      .object({
        hearingId: id,
        phoneOf: z.enum(PHONE_OWNERS),
        consent: z
          .object(
            Object.fromEntries(CONSENT_POINTS.map((p) => [p, z.literal(true)])) as Record<
              (typeof CONSENT_POINTS)[number],
              z.ZodLiteral<true>
            >,
          )
          .strict(),
      })
      .strict(),
    output: checkOutput,
    access: HEARING,
    handler: (input, { user, deps }) =>
      service(deps).recordConsent(user, { hearingId: input.hearingId, phoneOf: input.phoneOf }),
  }),
  'phoneCheck.startScan': defineChannel({
    input: z.object({ checkId: id }).strict(),
    output: checkOutput,
    access: HEARING,
    handler: (input, { user, deps }) => service(deps).startScan(user, input.checkId),
  }),
  /** Polled while the scan runs: its phase and count, then its result or why it failed. */
  'phoneCheck.progress': defineChannel({
    input: z.object({ checkId: id }).strict(),
    output: checkOutput,
    access: HEARING,
    handler: (input, { user, deps }) => service(deps).progress(user, input.checkId),
  }),
  'phoneCheck.confirmClosing': defineChannel({
    input: z.object({ checkId: id, usbDebuggingOff: z.literal(true), authorisationRevoked: z.literal(true) }).strict(),
    output: checkOutput,
    access: HEARING,
    handler: (input, { user, deps }) => service(deps).confirmClosing(user, input.checkId),
  }),
  'phoneCheck.printReport': defineChannel({
    input: z.object({ hearingId: id, itemId: id }).strict(),
    output: z.object({ document: printedDocumentView, pdfBase64, fileName: z.string() }),
    access: HEARING,
    handler: (input, { user, deps }) => service(deps).printReport(user, input),
  }),
  /** The phone checks already in the hearing's evidence register. */
  'phoneCheck.stored': defineChannel({
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      items: z.array(
        z.object({
          id,
          label: z.string(),
          kind: z.enum(['android', 'iphone']),
          description: z.string(),
          capturedAt: timestamp,
          files: z.array(z.object({ name: z.string(), sha256: sha256Hex, size: z.number().int().nonnegative() })),
        }),
      ),
    }),
    access: HEARING,
    handler: (input, { user, deps }) => service(deps).stored(user, input.hearingId),
  }),
  'phoneCheck.recordIphoneChecklist': defineChannel({
    input: z
      .object({
        hearingId: id,
        phoneOf: z.enum(PHONE_OWNERS),
        answers: z
          .array(
            z
              .object({
                id: z.string().regex(/^[a-z-]+$/),
                answer: z.enum(IPHONE_ANSWERS),
                note: z.string().max(2000),
              })
              .strict(),
          )
          .max(20),
      })
      .strict(),
    output: z.object({ evidenceItemId: id, evidenceLabel: z.string(), sha256: sha256Hex }),
    access: HEARING,
    handler: (input, { user, deps }) => service(deps).recordIphoneChecklist(user, input),
  }),
  'phoneCheck.indicators': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ indicators: indicatorsView }),
    access: ADMINISTRATOR,
    handler: (_input, { deps }) => service(deps).indicators(),
  }),
  /** §D8: a newer bundle's files (base64), validated, strictly newer, or refused with the reason. */
  'phoneCheck.importIndicators': defineChannel({
    input: z
      .object({
        files: z
          .object(
            Object.fromEntries(INDICATOR_BUNDLE_FILES.map((f) => [f, z.string().max(700_000)])) as Record<
              (typeof INDICATOR_BUNDLE_FILES)[number],
              z.ZodString
            >,
          )
          .strict(),
      })
      .strict(),
    output: z.object({
      imported: z.boolean(),
      refusal: z.object({ code: z.string(), details: z.string() }).nullable(),
      indicators: indicatorsView,
    }),
    access: ADMINISTRATOR,
    handler: (input, { user, deps }) => service(deps).importIndicators(user, input.files),
  }),
});
