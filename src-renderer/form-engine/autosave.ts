import type { ApiError, ChannelInput, ChannelOutput, Envelope } from '../../src-main/api/contract';
import type { AnswerValue } from '../../forms/engine';

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; savedAt: number }
  | { state: 'error'; error: ApiError }
  /**
   * Zone mode: the server did not confirm, the workstation's outbox keeps the answers (durably)
   * and sends them itself; they stay pending here and are offered again every few seconds.
   */
  | { state: 'keptLocally' }
  /** An answer on screen is not valid (a date half-typed): it is not sent, so nothing may say "all saved". */
  | { state: 'invalid' };

type SaveFn = (input: ChannelInput<'hearings.saveAnswers'>) => Promise<Envelope<ChannelOutput<'hearings.saveAnswers'>>>;

/**
 * Sends the answers of one form of one hearing to main, one batch at a time, each change with
 * the revision it was made on. A value leaves `pending` only when main has confirmed its
 * durable write; on failure it stays, so nothing typed is lost, and is sent again on retry.
 */
export class AutosaveQueue {
  private readonly pending = new Map<string, AnswerValue>();
  private readonly revisions = new Map<string, number>();
  private readonly savedTimes = new Map<string, number>();
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Answers on screen that are not valid, kept to show again, never sent. */
  private readonly invalid = new Map<string, AnswerValue>();
  /** Values the workstation's outbox has kept (zone mode), still pending until the server confirms them. */
  private readonly kept = new Map<string, AnswerValue>();
  private status: SaveStatus = { state: 'idle' };
  /** What the status line shows: the save's state, unless an answer on screen cannot be saved. */
  private shown: SaveStatus = this.status;
  private readonly listeners = new Set<(status: SaveStatus) => void>();

  constructor(
    readonly hearingId: string,
    readonly formId: string,
    private readonly save: SaveFn,
    private readonly debounceMs = 400,
    /** How soon answers kept on the workstation are offered to the server again. */
    private readonly keptRetryMs = 5_000,
  ) {}

  /** Revisions as loaded from main; pending values are kept. */
  setRevisions(revisions: Iterable<[string, number]>): void {
    for (const [fieldId, revision] of revisions) this.revisions.set(fieldId, revision);
  }

  /** When main stored each answer, as loaded; kept up to date by every confirmed save. */
  setSavedTimes(times: Iterable<[string, number]>): void {
    for (const [fieldId, at] of times) this.savedTimes.set(fieldId, at);
  }

  savedAtOf(fieldId: string): number | undefined {
    return this.savedTimes.get(fieldId);
  }

  /** The revision main last confirmed for a field (0 when never saved). */
  revisionOf(fieldId: string): number {
    return this.revisions.get(fieldId) ?? 0;
  }

  set(fieldId: string, value: AnswerValue, options: { immediate?: boolean } = {}): void {
    this.invalid.delete(fieldId);
    this.pending.set(fieldId, value);
    // While the server is away the line keeps saying where the answers are, not "saving…" at each key.
    if (this.status.state !== 'keptLocally') this.setStatus({ state: 'pending' });
    this.schedule(options.immediate ? 0 : this.debounceMs);
  }

  /**
   * An answer on screen the schema refuses (a date half-typed): nothing of it is sent (not even a
   * valid value typed just before it), and the status says so until it is corrected or cleared.
   */
  markInvalid(fieldId: string, value: AnswerValue): void {
    this.invalid.set(fieldId, value);
    this.pending.delete(fieldId);
    this.setStatus(this.status);
  }

  /** The answer is valid again (or the form that held it went): the status follows the saves. */
  clearInvalid(fieldId: string): void {
    if (!this.invalid.delete(fieldId)) return;
    this.setStatus(this.status);
  }

  /** Answers on screen that cannot be saved as they are, to show again after the form was unmounted. */
  invalidValues(): ReadonlyMap<string, AnswerValue> {
    return this.invalid;
  }

  /** Values typed but not yet confirmed saved, to show again after the form was unmounted. */
  unsavedValues(): ReadonlyMap<string, AnswerValue> {
    return this.pending;
  }

  hasUnsaved(): boolean {
    return this.pending.size > 0 || this.inFlight !== null || this.invalid.size > 0;
  }

  /**
   * Everything unsaved is kept by the workstation's outbox (zone mode): not on the server, so not
   * enough to approve or close, but nothing would be lost with this window.
   */
  isAllKeptOnThisComputer(): boolean {
    return (
      this.status.state === 'keptLocally' &&
      this.inFlight === null &&
      this.invalid.size === 0 &&
      [...this.pending].every(([fieldId, value]) => this.kept.get(fieldId) === value)
    );
  }

  getStatus(): SaveStatus {
    return this.shown;
  }

  subscribe(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends everything pending now; resolves when all is saved or a save failed. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inFlight) await this.inFlight;
    if (this.pending.size === 0) return;
    this.inFlight = this.sendBatch();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
    if (this.status.state !== 'error' && this.status.state !== 'keptLocally' && this.pending.size > 0)
      await this.flush();
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private async sendBatch(): Promise<void> {
    const batch = new Map(this.pending);
    if (this.status.state !== 'keptLocally') this.setStatus({ state: 'saving' });
    const changes = [...batch].map(([fieldId, value]) => ({
      fieldId,
      value,
      baseRevision: this.revisions.get(fieldId) ?? 0,
    }));
    const result = await this.save({ hearingId: this.hearingId, formId: this.formId, changes });
    if (!result.ok && result.error.code === 'KEPT_ON_THIS_COMPUTER') {
      // Kept, not refused: the values stay pending (on screen and in the next save) and go again.
      for (const [fieldId, value] of batch) this.kept.set(fieldId, value);
      this.setStatus(KEPT);
      this.schedule(this.keptRetryMs);
      return;
    }
    if (!result.ok) {
      this.setStatus({ state: 'error', error: result.error });
      return;
    }
    for (const { fieldId, revision } of result.value.revisions) {
      this.revisions.set(fieldId, revision);
      this.savedTimes.set(fieldId, result.value.savedAt);
      this.kept.delete(fieldId);
      // A value typed again while this batch was on its way is still pending.
      if (this.pending.get(fieldId) === batch.get(fieldId)) this.pending.delete(fieldId);
    }
    this.setStatus(this.pending.size > 0 ? { state: 'pending' } : { state: 'saved', savedAt: result.value.savedAt });
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    // A failed save stays in view; otherwise an invalid answer on screen outranks "saved".
    const shown: SaveStatus = this.invalid.size > 0 && status.state !== 'error' ? INVALID : status;
    if (shown === this.shown) return;
    this.shown = shown;
    for (const listener of this.listeners) listener(shown);
  }
}

const INVALID: SaveStatus = { state: 'invalid' };
const KEPT: SaveStatus = { state: 'keptLocally' };

/**
 * One queue per hearing and form for the life of the window, so that a lock screen (which
 * unmounts the hearing) or a failed save never drops what was typed.
 */
const queues = new Map<string, AutosaveQueue>();

export function autosaveQueueFor(hearingId: string, formId: string, save: SaveFn): AutosaveQueue {
  const key = `${hearingId}/${formId}`;
  let queue = queues.get(key);
  if (!queue) {
    queue = new AutosaveQueue(hearingId, formId, save);
    queues.set(key, queue);
  }
  return queue;
}

/** Before locking or signing out: try to save everything, for at most `timeoutMs`. */
export async function flushAllQueues(timeoutMs = 2000): Promise<boolean> {
  const all = Promise.all([...queues.values()].map((q) => q.flush()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  return [...queues.values()].every((q) => !q.hasUnsaved() || q.isAllKeptOnThisComputer());
}

/** Why a queue still has unsaved answers, for an action that needs them stored on the server first. */
export function unsavedReason(status: SaveStatus, message: string): ApiError {
  if (status.state === 'error') return status.error;
  if (status.state === 'keptLocally') return { code: 'KEPT_ON_THIS_COMPUTER', message };
  return { code: 'TRANSPORT', message };
}

/** After signing out the drafts of the previous user must not stay in memory. */
export function forgetAllQueues(): void {
  queues.clear();
}
