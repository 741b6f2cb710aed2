import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const ROLES = ['officer', 'supervisor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    // Stored lower-cased so that "Dupont" and "dupont" cannot be two accounts.
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: integer('locked_until'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('officer', 'supervisor', 'administrator')`)],
);

export const hearings = sqliteTable(
  'hearings',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Set once: after approval the statement changes only by addenda. */
    statementApprovedAt: integer('statement_approved_at'),
    statementApprovedBy: text('statement_approved_by').references(() => users.id),
    /** SHA-256 of the approved text, so any later change to it would show. */
    statementSha256: text('statement_sha256'),
    closedAt: integer('closed_at'),
    closedBy: text('closed_by').references(() => users.id),
  },
  (t) => [index('hearings_owner_status_idx').on(t.ownerId, t.status, t.updatedAt)],
);

/** Dated, attributed additions to an approved statement; never edited or removed. */
export const addenda = sqliteTable(
  'addenda',
  {
    id: text('id').primaryKey(),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    text: text('text').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('addenda_hearing_idx').on(t.hearingId, t.createdAt)],
);

/** The form versions a hearing was opened under: a hearing keeps them when definitions change. */
export const hearingForms = sqliteTable(
  'hearing_forms',
  {
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    formId: text('form_id').notNull(),
    formVersion: integer('form_version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hearingId, t.formId] })],
);

export const answers = sqliteTable(
  'answers',
  {
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    formId: text('form_id').notNull(),
    formVersion: integer('form_version').notNull(),
    fieldId: text('field_id').notNull(),
    valueJson: text('value_json').notNull(),
    revision: integer('revision').notNull(),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: text('updated_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.hearingId, t.formId, t.fieldId] })],
);

/**
 * Append-only (triggers in migrations refuse UPDATE and DELETE) and hash-chained, so that a
 * row changed or removed behind the app's back is detected by verifyAuditChain.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: text('user_id'),
    action: text('action').notNull(),
    hearingId: text('hearing_id'),
    detailsJson: text('details_json').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_hearing_idx').on(t.hearingId)],
);

/** The support directory the zone administrator maintains; printed on victims' copies. */
export const supportServices = sqliteTable('support_services', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  region: text('region').notNull(),
  languagesJson: text('languages_json').notNull(),
  hours: text('hours').notNull(),
  phone: text('phone').notNull(),
  website: text('website').notNull(),
  verifiedOn: text('verified_on'),
  active: integer('active', { mode: 'boolean' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by').references(() => users.id),
});
