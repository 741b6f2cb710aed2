import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ChannelInput } from '../api/contract';

type SaveAnswersInput = ChannelInput<'hearings.saveAnswers'>;
type AnswerValue = SaveAnswersInput['changes'][number]['value'];

/** One answer the server has not confirmed, as the officer last typed it. */
export interface UnsentChange {
  fieldId: string;
  value: AnswerValue;
  /** The revision the officer's screen had from the server: the flush sends it as the save's base. */
  baseRevision: number;
  /**
   * Values of this field sent on that base whose outcome is unknown (the server stopped, its
   * database restarted): one of them may be stored. Fingerprints (answerFingerprint), not text.
   */
  uncertain: string[];
}

/** The unsent answers of one form of one hearing, sent to the server as one save. */
export interface UnsentSave {
  hearingId: string;
  formId: string;
  /** The window that typed them, and its officer once known: the flush goes under her session. */
  clientId: string;
  userId: string | null;
  changes: UnsentChange[];
}

/**
 * A workstation's outbox (zone.md: nothing typed is lost when the server cannot be reached):
 * the answers a window saved while the server could not confirm them, in a small SQLite file
 * encrypted with the outbox's own key, written with `synchronous=FULL` before the window is told
 * they are kept. One row per field: a value typed again replaces the one waiting (the server
 * only ever needs the last, on the revision the screen had), and keeps its place in the order.
 *
 * Answers the server refused for good (changed elsewhere meanwhile, the hearing closed) are set
 * aside, never sent again and never dropped: the window that typed them gets the refusal itself.
 */
export interface AnswerOutbox {
  /**
   * Keeps (durably) the changes of a save the server did not confirm; `sent` when it reached for
   * the server and its outcome is unknown.
   */
  keep(owner: { clientId: string; userId: string | null }, input: SaveAnswersInput, options?: { sent?: boolean }): void;
  /** These values were sent and their outcome is unknown. */
  markUncertain(hearingId: string, formId: string, changes: readonly UnsentChange[]): void;
  /** What waits to be sent, in the order it was first kept. */
  unsent(filter?: { hearingId: string; formId?: string }): UnsentSave[];
  /** The server stored these values: their rows go, unless the field was typed again since. */
  confirm(hearingId: string, formId: string, changes: readonly { fieldId: string; value: unknown }[]): void;
  /** The server refused these for good: kept aside with the reason, not sent again. */
  setAside(hearingId: string, formId: string, fieldIds: readonly string[], reason: string): void;
  /** Why each field of a form set aside was refused (an error code). */
  setAsideReasons(hearingId: string, formId: string): Map<string, string>;
  /** The officer saved these fields again (she resolved the refusal): what was set aside for them goes. */
  resolved(hearingId: string, formId: string, fieldIds: readonly string[]): void;
  /** The window's officer became known (a sign-in answered): her waiting rows are hers. */
  claim(clientId: string, userId: string): void;
  counts(): { unsent: number; setAside: number };
  close(): void;
}

export const OUTBOX_FILE_NAME = 'outbox.sqlite';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS unsent_answers (
    hearing_id TEXT NOT NULL,
    form_id TEXT NOT NULL,
    field_id TEXT NOT NULL,
    value_json TEXT NOT NULL,
    base_revision INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    user_id TEXT,
    kept_order INTEGER NOT NULL,
    kept_at INTEGER NOT NULL,
    uncertain_json TEXT NOT NULL DEFAULT '[]',
    set_aside_reason TEXT,
    PRIMARY KEY (hearing_id, form_id, field_id)
  ) STRICT;
`;

export function openAnswerOutbox(options: { file: string; key: Buffer }): AnswerOutbox {
  if (options.key.length !== 32) throw new Error('The outbox key must be 32 bytes');
  fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
  const db = new Database(options.file);
  try {
    // The key first, as for the database: anything else would read the file unkeyed.
    (db as Database.Database & { key(key: Buffer): number }).key(options.key);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
  } catch (error) {
    db.close();
    throw new OutboxOpenError(
      `The outbox ${options.file} cannot be opened with its key (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  fs.chmodSync(options.file, 0o600);

  const selectRow = db.prepare(`
    SELECT base_revision, uncertain_json, set_aside_reason FROM unsent_answers
    WHERE hearing_id = ? AND form_id = ? AND field_id = ?
  `);
  const upsert = db.prepare(`
    INSERT INTO unsent_answers (hearing_id, form_id, field_id, value_json, base_revision, client_id, user_id,
      kept_order, kept_at, uncertain_json)
    VALUES (@hearingId, @formId, @fieldId, @valueJson, @baseRevision, @clientId, @userId,
      (SELECT coalesce(max(kept_order), 0) + 1 FROM unsent_answers), @at, @uncertainJson)
    ON CONFLICT (hearing_id, form_id, field_id) DO UPDATE SET
      value_json = excluded.value_json,
      base_revision = excluded.base_revision,
      client_id = excluded.client_id,
      user_id = coalesce(excluded.user_id, unsent_answers.user_id),
      kept_at = excluded.kept_at,
      uncertain_json = excluded.uncertain_json,
      -- Typed again after a refusal: the new value waits to be sent like any other.
      set_aside_reason = NULL,
      -- A field that was set aside goes to the end, behind what was kept meanwhile.
      kept_order = CASE WHEN unsent_answers.set_aside_reason IS NULL THEN unsent_answers.kept_order
        ELSE excluded.kept_order END
  `);
  const updateUncertain = db.prepare(`
    UPDATE unsent_answers SET uncertain_json = ?
    WHERE hearing_id = ? AND form_id = ? AND field_id = ? AND set_aside_reason IS NULL
  `);
  const selectUnsent = db.prepare(`
    SELECT hearing_id, form_id, field_id, value_json, base_revision, client_id, user_id, kept_order, uncertain_json
    FROM unsent_answers WHERE set_aside_reason IS NULL ORDER BY kept_order
  `);
  const removeIfSame = db.prepare(`
    DELETE FROM unsent_answers
    WHERE hearing_id = ? AND form_id = ? AND field_id = ? AND value_json = ? AND set_aside_reason IS NULL
  `);
  const markSetAside = db.prepare(`
    UPDATE unsent_answers SET set_aside_reason = ? WHERE hearing_id = ? AND form_id = ? AND field_id = ?
  `);
  const removeSetAside = db.prepare(`
    DELETE FROM unsent_answers
    WHERE hearing_id = ? AND form_id = ? AND field_id = ? AND set_aside_reason IS NOT NULL
  `);
  const selectSetAside = db.prepare(`
    SELECT field_id, set_aside_reason FROM unsent_answers
    WHERE hearing_id = ? AND form_id = ? AND set_aside_reason IS NOT NULL
  `);
  const claimRows = db.prepare('UPDATE unsent_answers SET user_id = ? WHERE client_id = ? AND user_id IS NULL');
  const countRows = db.prepare(
    'SELECT count(*) FILTER (WHERE set_aside_reason IS NULL) AS unsent, count(set_aside_reason) AS setAside FROM unsent_answers',
  );

  const keepAll = db.transaction(
    (owner: { clientId: string; userId: string | null }, input: SaveAnswersInput, sent: boolean) => {
      const at = Date.now();
      for (const change of input.changes) {
        const before = selectRow.get(input.hearingId, input.formId, change.fieldId) as
          { base_revision: number; uncertain_json: string; set_aside_reason: string | null } | undefined;
        // What was sent on the same base stays uncertain; a new base starts afresh.
        const uncertain =
          before && before.set_aside_reason === null && before.base_revision === change.baseRevision
            ? (JSON.parse(before.uncertain_json) as string[])
            : [];
        if (sent) uncertain.push(answerFingerprint(change.value));
        upsert.run({
          hearingId: input.hearingId,
          formId: input.formId,
          fieldId: change.fieldId,
          valueJson: JSON.stringify(change.value),
          baseRevision: change.baseRevision,
          clientId: owner.clientId,
          userId: owner.userId,
          at,
          uncertainJson: JSON.stringify([...new Set(uncertain)]),
        });
      }
    },
  );

  return {
    keep(owner, input, options = {}) {
      keepAll(owner, input, options.sent ?? false);
    },
    markUncertain(hearingId, formId, changes) {
      db.transaction(() => {
        for (const change of changes) {
          const uncertain = new Set([...change.uncertain, answerFingerprint(change.value)]);
          updateUncertain.run(JSON.stringify([...uncertain]), hearingId, formId, change.fieldId);
        }
      })();
    },
    unsent(filter) {
      const saves = new Map<string, UnsentSave>();
      for (const row of selectUnsent.all() as OutboxRow[]) {
        if (filter && (row.hearing_id !== filter.hearingId || (filter.formId && row.form_id !== filter.formId)))
          continue;
        const key = `${row.hearing_id}\u0000${row.form_id}`;
        let save = saves.get(key);
        if (!save) {
          save = { hearingId: row.hearing_id, formId: row.form_id, clientId: row.client_id, userId: null, changes: [] };
          saves.set(key, save);
        }
        // The latest window and officer of the form's rows: a later sign-in claimed them.
        save.clientId = row.client_id;
        save.userId = row.user_id ?? save.userId;
        save.changes.push({
          fieldId: row.field_id,
          value: JSON.parse(row.value_json) as AnswerValue,
          baseRevision: row.base_revision,
          uncertain: JSON.parse(row.uncertain_json) as string[],
        });
      }
      return [...saves.values()];
    },
    confirm(hearingId, formId, changes) {
      db.transaction(() => {
        for (const change of changes) removeIfSame.run(hearingId, formId, change.fieldId, JSON.stringify(change.value));
      })();
    },
    setAside(hearingId, formId, fieldIds, reason) {
      db.transaction(() => {
        for (const fieldId of fieldIds) markSetAside.run(reason, hearingId, formId, fieldId);
      })();
    },
    setAsideReasons(hearingId, formId) {
      const rows = selectSetAside.all(hearingId, formId) as { field_id: string; set_aside_reason: string }[];
      return new Map(rows.map((row) => [row.field_id, row.set_aside_reason]));
    },
    resolved(hearingId, formId, fieldIds) {
      db.transaction(() => {
        for (const fieldId of fieldIds) removeSetAside.run(hearingId, formId, fieldId);
      })();
    },
    claim(clientId, userId) {
      claimRows.run(userId, clientId);
    },
    counts() {
      return countRows.get() as { unsent: number; setAside: number };
    },
    close() {
      db.close();
    },
  };
}

interface OutboxRow {
  hearing_id: string;
  form_id: string;
  field_id: string;
  value_json: string;
  base_revision: number;
  client_id: string;
  user_id: string | null;
  kept_order: number;
  uncertain_json: string;
}

/** A value's fingerprint, whatever order its object keys were written in. */
export function answerFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys sorted: the same answer whatever order its keys were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export class OutboxOpenError extends Error {
  override name = 'OutboxOpenError';
}
