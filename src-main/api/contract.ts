import { z } from 'zod';
import { VICTIM_LANGUAGES } from '../../forms/languages';
import { REGIONS, SERVICE_KINDS, supportServiceSchema } from '../../forms/support-directory';
import type { ChannelName } from './channels';

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
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_INACTIVE',
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

const userView = z.object({ id, username: z.string(), displayName: z.string(), role, active: z.boolean(), unitId: id.nullable(), mustChangePassword: z.boolean() });
export type UserView = z.infer<typeof userView>;

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

const formId = z.string().regex(/^[a-z][a-zA-Z0-9-]*$/).max(64);
const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/).max(64);
/**
 * Any JSON here, bounded in size; the field's own rules (kind, length, options, dates) come from
 * the form definition the hearing was opened under (forms/engine.ts).
 */
const MAX_ANSWER_JSON = 400_000;
const answerValue = z.json().refine((value) => JSON.stringify(value).length <= MAX_ANSWER_JSON, { error: 'answer too large' });

const storedAnswer = z.object({ formId, fieldId, formVersion: z.number().int().positive(), value: answerValue, revision: z.number().int().positive(), updatedAt: timestamp });
export type StoredAnswer = z.infer<typeof storedAnswer>;

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

export const contract = {
  'setup.status': { input: empty, output: z.object({ needsSetup: z.boolean(), passwordMinLength: z.number().int().positive() }) },
  'setup.createAdministrator': {
    input: z.object({ username, displayName, password }).strict(),
    output: sessionView,
  },
  'session.current': { input: empty, output: sessionView },
  'session.login': { input: z.object({ username, password }).strict(), output: sessionView },
  'session.logout': { input: empty, output: sessionView },
  'session.lock': { input: empty, output: sessionView },
  'session.unlock': { input: z.object({ password }).strict(), output: sessionView },
  'users.list': { input: empty, output: z.object({ users: z.array(userView) }) },
  'users.create': {
    input: z.object({ username, displayName, password, role }).strict(),
    output: z.object({ user: userView }),
  },
  'hearings.create': { input: empty, output: z.object({ hearing: hearingSummary }) },
  'hearings.listMine': { input: empty, output: z.object({ open: z.array(hearingSummary), recentlyClosed: z.array(hearingSummary) }) },
  'hearings.load': {
    input: z.object({ hearingId: id }).strict(),
    output: z.object({
      hearing: hearingSummary,
      forms: z.array(z.object({ formId, formVersion: z.number().int().positive() })),
      answers: z.array(storedAnswer),
      statement: z.object({ approvedAt: timestamp, approvedByName: z.string(), sha256: z.string() }).nullable(),
      addenda: z.array(addendumView),
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
  'directory.list': { input: empty, output: z.object({ services: z.array(supportServiceView) }) },
  'directory.save': {
    input: z.object({ id: id.optional(), service: supportServiceSchema }).strict(),
    output: z.object({ service: supportServiceView }),
  },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}
