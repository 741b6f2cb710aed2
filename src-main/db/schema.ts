import { sql } from 'drizzle-orm';
import { LOWERING_STATUSES, RISK_EVENT_KINDS, RISK_REVIEW_STATUSES } from '../../forms/risk/risk-definition';
import { EVIDENCE_SENSITIVITIES, EVIDENCE_TYPES } from '../../domain/evidence-rules';
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DOCUMENT_KINDS } from '../../domain/document-kinds';
import { ROLES } from '../../domain/roles';
import { PERSON_LINK_ACTIONS, PERSON_LINKS, PERSON_ROLES } from '../../domain/person-links';
import { statisticsAnswersCondition } from './statistics-answers';

export { ROLES, type Role } from '../../domain/roles';

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
    /** Set when an administrator creates the account or resets its password: the next sign-in must choose a new one. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    /** Printed on documents in place of the officer's name (victim-copy.md: not a private name). */
    serviceNumber: text('service_number'),
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
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
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
  (t) => [
    index('hearings_owner_status_idx').on(t.ownerId, t.status, t.updatedAt),
    index('hearings_unit_idx').on(t.unitId, t.createdAt),
    index('hearings_created_idx').on(t.createdAt),
  ],
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
  (t) => [
    primaryKey({ columns: [t.hearingId, t.formId, t.fieldId] }),
    index('answers_field_idx').on(t.formId, t.fieldId),
    // The Art. 9 export reads only these answers: this index holds them, so it never decrypts the
    // pages of every other answer (src-main/services/statistics.ts).
    index('answers_statistics_idx')
      .on(t.hearingId, t.formId, t.fieldId, t.valueJson)
      .where(sql.raw(statisticsAnswersCondition())),
  ],
);

/**
 * Every value a field flagged `keepHistory` has had (a protection measure's state, say), with
 * who set it and when: the current answer alone would hide the path it took.
 */
export const answerHistory = sqliteTable(
  'answer_history',
  {
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    formId: text('form_id').notNull(),
    fieldId: text('field_id').notNull(),
    revision: integer('revision').notNull(),
    valueJson: text('value_json').notNull(),
    at: integer('at').notNull(),
    by: text('by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.hearingId, t.formId, t.fieldId, t.revision] })],
);

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
    /**
     * When the latest risk event of the hearing was recorded since this assessment (an event makes
     * the reassessment due now): a later hearing of the pair takes over only what came before it.
     */
    lastEventAt: integer('last_event_at'),
    latest: integer('latest', { mode: 'boolean' }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('risk_hearing_sequence_idx').on(t.hearingId, t.sequence),
    index('risk_latest_level_idx')
      .on(t.hearingId, t.sequence, t.level)
      .where(sql`latest = 1`),
    // The queue's own order (level first, then the date due), so that a page of it is read
    // straight from an index rather than sorted from every row of the unit.
    index('risk_queue_pending_order_idx').on(t.unitId, t.reviewStatus, sql`${t.level} DESC`, t.nextDueAt),
    index('risk_queue_latest_order_idx').on(t.unitId, t.latest, sql`${t.level} DESC`, t.nextDueAt, t.hearingId),
    // The queue's count of its unit's due reassessments (services/risk.ts): from the index alone, in
    // the order of pair_supersessions_unit_idx, whose rows say which a later hearing of their pair
    // took over (PostgreSQL merges the two; SQLite looks each due row up in it).
    index('risk_latest_due_idx').on(
      t.unitId,
      t.latest,
      t.hearingId,
      t.nextDueAt,
      t.reviewStatus,
      t.createdAt,
      t.lastEventAt,
    ),
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
    kind: text('kind', { enum: RISK_EVENT_KINDS }).notNull(),
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

/**
 * The evidence register of a hearing (digital-violence.md, C2): one row per item, numbered
 * EV-0001, EV-0002... within the hearing. Items are never removed (a trigger refuses it).
 */
export const evidenceItems = sqliteTable(
  'evidence_items',
  {
    id: text('id').primaryKey(),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    number: integer('number').notNull(),
    type: text('type', { enum: EVIDENCE_TYPES }).notNull(),
    description: text('description').notNull(),
    platform: text('platform'),
    accountIds: text('account_ids'),
    url: text('url'),
    /** As the device or page showed it, with the time zone it was shown in. */
    eventTime: text('event_time'),
    eventTimeZone: text('event_time_zone'),
    /** UTC, epoch milliseconds. */
    capturedAt: integer('captured_at').notNull(),
    capturedBy: text('captured_by')
      .notNull()
      .references(() => users.id),
    captureMethod: text('capture_method'),
    toolVersion: text('tool_version'),
    originalLocation: text('original_location'),
    /** Prompt ids of the digital-violence catalogue (`["G5.2"]`). */
    relatedPromptsJson: text('related_prompts_json').notNull().default('[]'),
    sensitivity: text('sensitivity', { enum: EVIDENCE_SENSITIVITIES }).notNull(),
    platformReportNumber: text('platform_report_number'),
    stopNciiCaseNumber: text('stopncii_case_number'),
    revision: integer('revision').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: text('updated_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex('evidence_items_hearing_number_idx').on(t.hearingId, t.number),
    check(
      'evidence_items_type_check',
      sql`${t.type} in ('screenshot', 'export', 'file', 'url', 'device', 'platformNotice')`,
    ),
    check('evidence_items_sensitivity_check', sql`${t.sensitivity} in ('none', 'intimate', 'minor', 'thirdParty')`),
  ],
);

/**
 * A file of an item, as imported: its SHA-256 over the original bytes, and how its encrypted
 * copy in `<dataDir>/evidence/` was sealed. Append-only (triggers refuse UPDATE and DELETE).
 */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id')
      .notNull()
      .references(() => evidenceItems.id),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    originalName: text('original_name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storedName: text('stored_name').notNull().unique(),
    /** `aes-256-gcm`, the HKDF info the key was derived with, the random IV and the tag (hex). */
    cipher: text('cipher').notNull(),
    keyInfo: text('key_info').notNull(),
    iv: text('iv').notNull(),
    authTag: text('auth_tag').notNull(),
    importedAt: integer('imported_at').notNull(),
    importedBy: text('imported_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    index('evidence_files_item_idx').on(t.itemId, t.importedAt),
    check('evidence_files_sha256_check', sql`length(${t.sha256}) = 64`),
  ],
);

/** Hand-overs of an item (to the RCCU/FCCU, the prosecutor...). Append-only. */
export const evidenceCustodyEvents = sqliteTable(
  'evidence_custody_events',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id')
      .notNull()
      .references(() => evidenceItems.id),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    handedTo: text('handed_to').notNull(),
    handedAt: integer('handed_at').notNull(),
    medium: text('medium').notNull(),
    note: text('note').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('evidence_custody_item_idx').on(t.itemId, t.handedAt)],
);

/**
 * Every document printed from a hearing, archived as printed: the PDF itself, its SHA-256, who
 * printed it and when. A reprint is a new row (its `sequence` says which); rows are never
 * changed or removed (migrations/sqlite/0008).
 */
export const printedDocuments = sqliteTable(
  'printed_documents',
  {
    id: text('id').primaryKey(),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    /** The victim's copy's variant; every other document is printed `full`. */
    variant: text('variant', { enum: ['full', 'discreet'] }).notNull(),
    /** The language the document speaks (hers for the victim's copy, the procedure's otherwise). */
    language: text('language').notNull(),
    /** 1 for the first print of this kind and variant, then 2, 3... for reprints. */
    sequence: integer('sequence').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    pages: integer('pages').notNull(),
    pdf: blob('pdf', { mode: 'buffer' }).notNull(),
    printedAt: integer('printed_at').notNull(),
    printedBy: text('printed_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex('printed_documents_sequence_idx').on(t.hearingId, t.kind, t.variant, t.sequence)],
);

/**
 * The officer's review of her copy before its first print (victim-copy.md, "Safety rules"): the
 * passages she withheld on top of the matches, the near matches she released and why, and which
 * texts she saw (field and SHA-256), so that a reprint after a new addendum asks only for the new
 * text. Append-only (triggers): every review is a new row, and all of a hearing's rows apply.
 */
export const victimCopyReviews = sqliteTable(
  'victim_copy_reviews',
  {
    id: text('id').primaryKey(),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    decisionsJson: text('decisions_json').notNull(),
    coveredJson: text('covered_json').notNull(),
    reviewedAt: integer('reviewed_at').notNull(),
    reviewedBy: text('reviewed_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('victim_copy_reviews_hearing_idx').on(t.hearingId, t.reviewedAt)],
);

/**
 * A victim catalog marked reviewed or sworn from the administrator's languages screen, in place
 * of its file's `meta.status`, with the reviewer (or sworn translator) as typed and the day. It
 * holds for the texts that were reviewed only: `catalog_sha256` is their SHA-256 as main loaded
 * them (services/victim-catalog-reviews.ts), so a catalog an upgrade changed reads as its file
 * says until it is reviewed anew. Append-only (triggers): a correction is a new row, the latest
 * for the language and those texts applies.
 */
export const victimCatalogReviews = sqliteTable(
  'victim_catalog_reviews',
  {
    id: text('id').primaryKey(),
    language: text('language').notNull(),
    catalogSha256: text('catalog_sha256').notNull(),
    status: text('status', { enum: ['reviewed', 'sworn'] }).notNull(),
    /** The reviewer's or sworn translator's name (and capacity), as the administrator typed it. */
    reviewer: text('reviewer').notNull(),
    /** The day the translation was reviewed (ISO), as the reviewer dated it. */
    reviewedOn: text('reviewed_on').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [
    index('victim_catalog_reviews_language_idx').on(t.language, t.recordedAt),
    check('victim_catalog_reviews_status_check', sql`${t.status} in ('reviewed', 'sworn')`),
  ],
);

/**
 * A window's session: who is signed in there, whether its screen is locked, when it was last used
 * (to a minute: the idle backstop allows twice the screen's idle lock). Kept in the store so that a
 * zone's server instances share them; the standalone app clears them at each start, since its
 * windows end with it.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    clientId: text('client_id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
    lastActivityAt: integer('last_activity_at').notNull(),
    startedAt: integer('started_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * The audit trails of standalone workstations imported into a zone (`hearing-desk-server import`),
 * entry for entry as the workstation chained them: their hashes are HMACs under a key derived from
 * that workstation's database key, so they cannot join the zone's own chain. `source_id` names the
 * trail (the hash of its first entry); the zone's own trail records each import (the
 * `zone.standaloneImported` entry, with the imported head). Append-only (triggers).
 */
export const importedAuditEvents = sqliteTable(
  'imported_audit_events',
  {
    sourceId: text('source_id').notNull(),
    seq: integer('seq').notNull(),
    at: integer('at').notNull(),
    userId: text('user_id'),
    action: text('action').notNull(),
    hearingId: text('hearing_id'),
    detailsJson: text('details_json').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.seq] }), index('imported_audit_hearing_idx').on(t.hearingId)],
);

/**
 * A victim or a suspect, across hearings (issue 16, item 1): what identifies the person and nothing
 * else (no address, no statement). Made from the people step of the hearing that first names the
 * person; while only that hearing is linked to it, its fields follow that hearing's answers
 * (services/persons.ts). `national_number` holds the eleven digits of a register or BIS number
 * only once the check digits and the date part passed (domain/national-number.ts).
 */
export const persons = sqliteTable(
  'persons',
  {
    id: text('id').primaryKey(),
    nationalNumber: text('national_number'),
    surname: text('surname').notNull(),
    firstNames: text('first_names').notNull(),
    /** YYYY-MM-DD, as the step records it. */
    birthDate: text('birth_date'),
    birthPlace: text('birth_place'),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    index('persons_national_number_idx').on(t.nationalNumber),
    check('persons_national_number_check', sql`${t.nationalNumber} is null or length(${t.nationalNumber}) = 11`),
  ],
);

/**
 * The skeleton keys (domain/person-names.ts: searchKeys) of every name a person was recorded under,
 * by which candidates are found before they are scored. Removed with their person.
 */
export const personSearchKeys = sqliteTable(
  'person_search_keys',
  {
    personId: text('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** The person's birth date (persons.birth_date), copied so the lookup keeps only those it may propose. */
    birthDate: text('birth_date'),
  },
  // The lookup reads key, birth date and person from the index alone, and counts the shared keys
  // there: the persons table is read for the best few hundred only (bench/persons.ts).
  (t) => [
    primaryKey({ columns: [t.personId, t.key] }),
    index('person_search_keys_lookup_idx').on(t.key, t.birthDate, t.personId),
  ],
);

/**
 * Which person is a hearing's victim, and which its suspect. `hearing_opened_at` is the hearing's
 * creation time, copied here so that a candidate's earlier hearings are dated without reading
 * hearings that belong to other officers (which neither the services nor row-level security allow).
 */
export const hearingPersons = sqliteTable(
  'hearing_persons',
  {
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    role: text('role', { enum: PERSON_ROLES }).notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    hearingOpenedAt: integer('hearing_opened_at').notNull(),
    linkedAt: integer('linked_at').notNull(),
    linkedBy: text('linked_by')
      .notNull()
      .references(() => users.id),
    how: text('how', { enum: PERSON_LINKS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.hearingId, t.role] }),
    index('hearing_persons_person_idx').on(t.personId, t.hearingOpenedAt),
    check('hearing_persons_role_check', sql`${t.role} in ('victim', 'suspect')`),
    check('hearing_persons_how_check', sql`${t.how} in ('new', 'confirmed')`),
  ],
);

/**
 * Every decision about a hearing's person: a proposal confirmed or declined by the hearing's officer,
 * a link undone by a supervisor (with her reason). Append-only (triggers): a declined person is not
 * proposed again for that hearing and role.
 */
export const personLinkEvents = sqliteTable(
  'person_link_events',
  {
    id: text('id').primaryKey(),
    hearingId: text('hearing_id')
      .notNull()
      .references(() => hearings.id),
    role: text('role', { enum: PERSON_ROLES }).notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    action: text('action', { enum: PERSON_LINK_ACTIONS }).notNull(),
    by: text('by')
      .notNull()
      .references(() => users.id),
    at: integer('at').notNull(),
    reason: text('reason'),
  },
  (t) => [
    index('person_link_events_hearing_idx').on(t.hearingId, t.role, t.at),
    check('person_link_events_role_check', sql`${t.role} in ('victim', 'suspect')`),
    check('person_link_events_action_check', sql`${t.action} in ('confirmed', 'declined', 'unlinked')`),
  ],
);

/**
 * A pair's due reassessment belongs to the pair (issue 16): it is carried by the hearing of the
 * pair assessed most recently (or with the latest risk event), `by_hearing_id`, since `at`. Every
 * other hearing of the pair with an assessment has a row here, and the supervisor's queue and the
 * follow-ups leave its reassessment out while `at` is later than its latest assessment and that
 * assessment's latest risk event.
 *
 * Written by the officer of one of the two hearings, after her assessment or link, from what a
 * pair's history may read (services/pairs.ts); a hearing that is assessed again, or gets a
 * risk event, loses its row in the same unit of work. `unit_id` is the unit of the hearing's
 * latest assessment, so that the queue counts a unit's rows without reading the others'.
 */
export const pairSupersessions = sqliteTable(
  'pair_supersessions',
  {
    hearingId: text('hearing_id')
      .primaryKey()
      .references(() => hearings.id),
    byHearingId: text('by_hearing_id')
      .notNull()
      .references(() => hearings.id),
    unitId: text('unit_id').references(() => units.id),
    at: integer('at').notNull(),
  },
  (t) => [
    index('pair_supersessions_unit_idx').on(t.unitId, t.hearingId, t.at),
    index('pair_supersessions_by_idx').on(t.byHearingId),
  ],
);
