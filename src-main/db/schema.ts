import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const ROLES = ['officer', 'supervisor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

/** A police unit: supervisors review the hearings of their own unit only. */
export const units = sqliteTable('units', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: integer('created_at').notNull(),
});

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
    /** Officers and supervisors belong to one unit; administrators to none. */
    unitId: text('unit_id').references(() => units.id),
    /** Set when an administrator resets the password: the next sign-in must choose a new one. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
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
    /** The owner's unit when the hearing was opened: whose supervisors review it. */
    unitId: text('unit_id').references(() => units.id),
  },
  (t) => [index('hearings_owner_status_idx').on(t.ownerId, t.status, t.updatedAt), index('hearings_unit_idx').on(t.unitId, t.createdAt)],
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
  (t) => [primaryKey({ columns: [t.hearingId, t.formId, t.fieldId] }), index('answers_field_idx').on(t.formId, t.fieldId)],
);

export const RISK_REVIEW_STATUSES = ['pending', 'approved', 'returned'] as const;
export const LOWERING_STATUSES = ['pending', 'approved', 'refused'] as const;

/**
 * One Art. 16 assessment, as submitted: the answers it was made from, the definition version,
 * and the result main computed. Assessments follow each other for the victim-suspect pair of a
 * hearing; only the latest one is due for reassessment.
 */
export const riskAssessments = sqliteTable(
  'risk_assessments',
  {
    id: text('id').primaryKey(),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    unitId: text('unit_id').references(() => units.id),
    sequence: integer('sequence').notNull(),
    definitionVersion: integer('definition_version').notNull(),
    trigger: text('trigger').notNull(),
    answersJson: text('answers_json').notNull(),
    resultJson: text('result_json').notNull(),
    computedLevel: integer('computed_level').notNull(),
    floorLevel: integer('floor_level').notNull(),
    level: integer('level').notNull(),
    redFlagCount: integer('red_flag_count').notNull(),
    raiseReason: text('raise_reason'),
    loweringLevel: integer('lowering_level'),
    loweringReason: text('lowering_reason'),
    loweringStatus: text('lowering_status', { enum: LOWERING_STATUSES }),
    reviewStatus: text('review_status', { enum: RISK_REVIEW_STATUSES }).notNull(),
    reviewComment: text('review_comment'),
    reviewedBy: text('reviewed_by').references(() => users.id),
    reviewedAt: integer('reviewed_at'),
    nextDueAt: integer('next_due_at').notNull(),
    latest: integer('latest', { mode: 'boolean' }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('risk_hearing_sequence_idx').on(t.hearingId, t.sequence),
    index('risk_queue_review_idx').on(t.unitId, t.reviewStatus, t.level),
    index('risk_queue_due_idx').on(t.unitId, t.latest, t.nextDueAt),
  ],
);

/** Events that call for a reassessment before its date (a breach, a release, her request...). */
export const riskEvents = sqliteTable(
  'risk_events',
  {
    id: text('id').primaryKey(),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    kind: text('kind').notNull(),
    note: text('note').notNull(),
    at: integer('at').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('risk_events_hearing_idx').on(t.hearingId, t.at)],
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
