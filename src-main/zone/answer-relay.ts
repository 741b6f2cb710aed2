import type { ApiError, Channel, ChannelInput, ChannelOutput, Envelope } from '../api/contract';
import { answerFingerprint, canonicalJson, type AnswerOutbox, type UnsentSave } from './answer-outbox';

type SaveInput = ChannelInput<'hearings.saveAnswers'>;
type SaveOutput = ChannelOutput<'hearings.saveAnswers'>;
type Send = <C extends Channel>(clientId: string, channel: C, input: ChannelInput<C>) => Promise<Envelope<unknown>>;

/** The server did not answer, or could not use its database: the answers wait, they are not refused. */
const NOT_NOW: ReadonlySet<string> = new Set(['SERVER_UNREACHABLE', 'INTERNAL', 'TRANSPORT']);
/** Only her own session may send her answers: they wait for her next sign-in or unlock. */
const WAITING_FOR_HER: ReadonlySet<string> = new Set(['NOT_SIGNED_IN', 'SESSION_LOCKED', 'PASSWORD_CHANGE_REQUIRED']);

export const KEPT_ON_THIS_COMPUTER: ApiError = {
  code: 'KEPT_ON_THIS_COMPUTER',
  message: 'Not saved on the server: kept on this computer, sent when the server answers again',
};

export interface AnswerRelay {
  /** `hearings.saveAnswers` from a window: to the server, or into the outbox when it cannot confirm. */
  save(clientId: string, input: SaveInput): Promise<Envelope<SaveOutput>>;
  /** Before a hearing is loaded: what waits for it goes first, so the screen shows it stored. */
  beforeLoad(hearingId: string): Promise<void>;
  /** A session answer named the window's officer (or nobody): whose answers it may send. */
  sessionSeen(clientId: string, userId: string | null): void;
  forgetClient(clientId: string): void;
  /** Sends what waits, if the server answers (also every `retryMs` on its own). */
  flush(): Promise<void>;
  close(): void;
}

/**
 * The answers of a zone workstation on their way to the server (zone.md, "nothing typed is
 * lost"). A save the server does not confirm (unreachable, or its database restarting) is kept in
 * the outbox and the window is told so (KEPT_ON_THIS_COMPUTER: its screen says it and keeps the
 * answers); what waits is sent in the order it was kept, under its officer's own session, before
 * any newer save of the same form, every few seconds and at each save.
 *
 * Two things make a resend safe. A save whose answer was lost (the server stopped after its
 * commit) comes back as stale with the very values sent: that is a save, not a conflict. And the
 * revisions the server gave what the outbox sent are the window's new bases ("rebases"): its next
 * save is on what this workstation stored, not a conflict with itself. A real conflict (another
 * window changed the answer meanwhile) reaches the window as STALE_REVISION, as it does today.
 */
export function createAnswerRelay(deps: { outbox: AnswerOutbox; send: Send; retryMs?: number }): AnswerRelay {
  const { outbox, send } = deps;
  /** Each window's officer, as its last session answer named her. */
  const officers = new Map<string, string>();
  /**
   * Per field, what this outbox stored on the server: the base revisions a window may still hold
   * → the revision it has now, and the value it sent last (at that revision).
   */
  const rebases = new Map<string, { to: Map<number, number>; latest: { revision: number; json: string } }>();
  /** When the server last stored something the outbox sent, for the windows' "saved at". */
  let lastSavedAt = 0;
  // One outbox operation at a time: a form's saves reach the server in the order they were kept.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  const fieldKey = (hearingId: string, formId: string, fieldId: string) =>
    `${hearingId}\u0000${formId}\u0000${fieldId}`;

  function rebased(input: SaveInput): SaveInput {
    return {
      ...input,
      changes: input.changes.map((change) => {
        const to = rebases.get(fieldKey(input.hearingId, input.formId, change.fieldId))?.to.get(change.baseRevision);
        return to === undefined ? change : { ...change, baseRevision: to };
      }),
    };
  }

  /** The revision at which the outbox already stored this very change, if it did. */
  function storedByOutbox(input: SaveInput, change: SaveInput['changes'][number]): number | undefined {
    const field = rebases.get(fieldKey(input.hearingId, input.formId, change.fieldId));
    const to = field?.to.get(change.baseRevision);
    if (to === undefined || field!.latest.revision !== to) return undefined;
    return field!.latest.json === canonicalJson(change.value) ? to : undefined;
  }

  function rememberRevision(input: SaveInput, change: SaveInput['changes'][number], revision: number): void {
    const key = fieldKey(input.hearingId, input.formId, change.fieldId);
    const field = rebases.get(key) ?? { to: new Map<number, number>(), latest: { revision, json: '' } };
    // A window still on an older base follows the field to its newest revision.
    for (const [older, target] of field.to) if (target === change.baseRevision) field.to.set(older, revision);
    field.to.set(change.baseRevision, revision);
    field.latest = { revision, json: canonicalJson(change.value) };
    rebases.set(key, field);
  }

  /**
   * A save on the server. One refused as stale is looked at again: a field that holds exactly the
   * value sent was stored already (its answer was lost); one whose next revision holds a value
   * sent earlier on the same base with no known outcome (`uncertain`) was this workstation's own
   * write, and the field goes again on top of it. Anything else is a real conflict.
   */
  async function saveOnServer(
    clientId: string,
    input: SaveInput,
    uncertain: ReadonlyMap<string, readonly string[]> = new Map(),
  ): Promise<Envelope<SaveOutput>> {
    const result = (await send(clientId, 'hearings.saveAnswers', input)) as Envelope<SaveOutput>;
    if (result.ok || result.error.code !== 'STALE_REVISION') return result;
    const loaded = (await send(clientId, 'hearings.load', { hearingId: input.hearingId })) as Envelope<
      ChannelOutput<'hearings.load'>
    >;
    if (!loaded.ok) return result;
    const stored = new Map(
      loaded.value.answers.filter((a) => a.formId === input.formId).map((a) => [a.fieldId, a] as const),
    );
    const stale = new Set(result.error.fields ?? input.changes.map((c) => c.fieldId));
    const alreadyStored: { fieldId: string; revision: number; at: number }[] = [];
    const rest: SaveInput['changes'] = [];
    for (const change of input.changes) {
      if (!stale.has(change.fieldId)) {
        rest.push(change);
        continue;
      }
      const answer = stored.get(change.fieldId);
      if (answer && canonicalJson(answer.value) === canonicalJson(change.value))
        alreadyStored.push({ fieldId: change.fieldId, revision: answer.revision, at: answer.updatedAt });
      else if (
        answer?.revision === change.baseRevision + 1 &&
        uncertain.get(change.fieldId)?.includes(answerFingerprint(answer.value))
      )
        rest.push({ ...change, baseRevision: answer.revision });
      else return result;
    }
    const found = alreadyStored.map(({ fieldId, revision }) => ({ fieldId, revision }));
    if (rest.length === 0)
      return { ok: true, value: { savedAt: Math.max(...alreadyStored.map((a) => a.at)), revisions: found } };
    const others = (await send(clientId, 'hearings.saveAnswers', { ...input, changes: rest })) as Envelope<SaveOutput>;
    if (!others.ok) return others;
    return { ok: true, value: { savedAt: others.value.savedAt, revisions: [...found, ...others.value.revisions] } };
  }

  /** The window that may send a waiting save: one signed in as the officer who typed it. */
  function senderOf(save: UnsentSave): string | null {
    if (save.userId === null) return officers.has(save.clientId) ? null : save.clientId;
    if (officers.get(save.clientId) === save.userId) return save.clientId;
    for (const [clientId, userId] of officers) if (userId === save.userId) return clientId;
    return null;
  }

  /** Sends what waits, oldest first; false when the server cannot take it now. */
  async function sendWaiting(filter?: { hearingId: string; formId?: string }): Promise<boolean> {
    for (const save of outbox.unsent(filter)) {
      let changes = save.changes;
      while (changes.length > 0) {
        const clientId = senderOf(save);
        if (clientId === null) break;
        const input: SaveInput = {
          hearingId: save.hearingId,
          formId: save.formId,
          changes: changes.map(({ fieldId, value, baseRevision }) => ({ fieldId, value, baseRevision })),
        };
        const result = await saveOnServer(clientId, input, new Map(changes.map((c) => [c.fieldId, c.uncertain])));
        if (result.ok) {
          lastSavedAt = Math.max(lastSavedAt, result.value.savedAt);
          for (const { fieldId, revision } of result.value.revisions) {
            const sent = changes.find((c) => c.fieldId === fieldId);
            if (sent) rememberRevision(input, sent, revision);
          }
          outbox.confirm(save.hearingId, save.formId, changes);
          break;
        }
        if (NOT_NOW.has(result.error.code)) {
          // Perhaps stored, perhaps not: the next attempt will know this value if it was.
          outbox.markUncertain(save.hearingId, save.formId, changes);
          return false;
        }
        if (WAITING_FOR_HER.has(result.error.code)) break;
        // Refused for good: the fields named are set aside and the others (not stored, the save
        // being all or nothing) go again on their own.
        const refused = new Set(
          result.error.code === 'STALE_REVISION' && result.error.fields
            ? result.error.fields
            : changes.map((c) => c.fieldId),
        );
        outbox.setAside(save.hearingId, save.formId, [...refused], result.error.code);
        changes = changes.filter((c) => !refused.has(c.fieldId));
      }
    }
    return true;
  }

  /** What the window is told after its save went into the outbox and the outbox was sent. */
  function answerFor(input: SaveInput): Envelope<SaveOutput> {
    const waiting = new Map(
      outbox
        .unsent({ hearingId: input.hearingId, formId: input.formId })
        .flatMap((s) => s.changes.map((c) => [c.fieldId, c])),
    );
    if (input.changes.some((c) => waiting.has(c.fieldId))) return { ok: false, error: KEPT_ON_THIS_COMPUTER };
    const refused = outbox.setAsideReasons(input.hearingId, input.formId);
    const revisions: SaveOutput['revisions'] = [];
    for (const change of input.changes) {
      const revision = storedByOutbox(input, change);
      if (revision !== undefined) {
        revisions.push({ fieldId: change.fieldId, revision });
        continue;
      }
      // Set aside: the refusal the server gave, as the window would have had it. (Neither sent
      // nor set aside cannot happen: a change kept is one or the other until confirmed.)
      const code = refused.get(change.fieldId) ?? 'STALE_REVISION';
      const fields = input.changes.filter((c) => (refused.get(c.fieldId) ?? 'STALE_REVISION') === code);
      return {
        ok: false,
        error: {
          code: code as ApiError['code'],
          message: 'The server refused answers kept on this computer',
          fields: fields.map((c) => c.fieldId),
        },
      };
    }
    return { ok: true, value: { savedAt: lastSavedAt, revisions } };
  }

  const timer = setInterval(() => {
    if (outbox.counts().unsent > 0) void serially(() => sendWaiting());
  }, deps.retryMs ?? 5_000);
  timer.unref();

  return {
    save(clientId, input) {
      return serially(async () => {
        const owner = { clientId, userId: officers.get(clientId) ?? null };
        // The window's retry of what the outbox sent for it: stored already, not sent twice.
        const byOutbox = input.changes.flatMap((change) => {
          const revision = storedByOutbox(input, change);
          return revision === undefined ? [] : [{ fieldId: change.fieldId, revision }];
        });
        const rest = { ...input, changes: input.changes.filter((c) => !byOutbox.some((b) => b.fieldId === c.fieldId)) };
        if (rest.changes.length === 0) return { ok: true, value: { savedAt: lastSavedAt, revisions: byOutbox } };
        if (outbox.unsent({ hearingId: input.hearingId, formId: input.formId }).length > 0) {
          // Behind what waits for this form, never before it.
          outbox.keep(owner, rebased(rest));
          await sendWaiting({ hearingId: input.hearingId, formId: input.formId });
          return answerFor(input);
        }
        const result = await saveOnServer(clientId, rebased(rest));
        if (result.ok) {
          outbox.resolved(
            input.hearingId,
            input.formId,
            rest.changes.map((c) => c.fieldId),
          );
          return { ok: true, value: { ...result.value, revisions: [...byOutbox, ...result.value.revisions] } };
        }
        if (!NOT_NOW.has(result.error.code)) return result;
        outbox.keep(owner, rebased(rest), { sent: true });
        return { ok: false, error: KEPT_ON_THIS_COMPUTER };
      });
    },
    async beforeLoad(hearingId) {
      if (outbox.unsent({ hearingId }).length === 0) return;
      await serially(() => sendWaiting({ hearingId }));
    },
    sessionSeen(clientId, userId) {
      if (userId === null) {
        officers.delete(clientId);
        return;
      }
      officers.set(clientId, userId);
      outbox.claim(clientId, userId);
    },
    forgetClient(clientId) {
      officers.delete(clientId);
    },
    async flush() {
      await serially(() => sendWaiting());
    },
    close() {
      clearInterval(timer);
    },
  };
}
