import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput, Envelope } from '../../src-main/api/contract';
import { AutosaveQueue } from '../../src-renderer/form-engine/autosave';

type SaveInput = ChannelInput<'hearings.saveAnswers'>;
type SaveResult = Envelope<ChannelOutput<'hearings.saveAnswers'>>;

/** Stands in for main: this test is about the queue, the real path is tested end to end. */
function fakeMain() {
  const calls: SaveInput[] = [];
  let fail: SaveResult | null = null;
  let gate: Promise<void> | null = null;
  const revisions = new Map<string, number>();
  return {
    calls,
    failNext(result: SaveResult | null) {
      fail = result;
    },
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    async save(input: SaveInput): Promise<SaveResult> {
      calls.push(structuredClone(input));
      if (gate) await gate;
      if (fail) return fail;
      return {
        ok: true,
        value: {
          savedAt: 1,
          revisions: input.changes.map((c) => {
            revisions.set(c.fieldId, c.baseRevision + 1);
            return { fieldId: c.fieldId, revision: c.baseRevision + 1 };
          }),
        },
      };
    },
  };
}

describe('the autosave queue', () => {
  it('sends the latest value of each field with the revision it was made on', async () => {
    const main = fakeMain();
    const queue = new AutosaveQueue('h', 'setup', (i) => main.save(i), 0);
    queue.setRevisions([['victimWishes', 3]]);
    queue.set('victimWishes', 'a');
    queue.set('victimWishes', 'ab');
    queue.set('procedureLanguage', 'fr');
    await queue.flush();
    expect(main.calls).toEqual([
      {
        hearingId: 'h',
        formId: 'setup',
        changes: [
          { fieldId: 'victimWishes', value: 'ab', baseRevision: 3 },
          { fieldId: 'procedureLanguage', value: 'fr', baseRevision: 0 },
        ],
      },
    ]);
    expect(queue.getStatus()).toEqual({ state: 'saved', savedAt: 1 });
    queue.set('victimWishes', 'abc');
    await queue.flush();
    expect(main.calls[1]!.changes).toEqual([{ fieldId: 'victimWishes', value: 'abc', baseRevision: 4 }]);
  });

  it('keeps what failed to save, says so, and sends it again on retry', async () => {
    const main = fakeMain();
    const queue = new AutosaveQueue('h', 'setup', (i) => main.save(i), 0);
    main.failNext({ ok: false, error: { code: 'TRANSPORT', message: 'down' } });
    queue.set('victimWishes', 'do not lose me');
    await queue.flush();
    expect(queue.getStatus()).toMatchObject({ state: 'error', error: { code: 'TRANSPORT' } });
    expect([...queue.unsavedValues()]).toEqual([['victimWishes', 'do not lose me']]);
    main.failNext(null);
    await queue.flush();
    expect(queue.hasUnsaved()).toBe(false);
    expect(main.calls.at(-1)!.changes).toEqual([{ fieldId: 'victimWishes', value: 'do not lose me', baseRevision: 0 }]);
  });

  it('keeps a value typed while the previous save was on its way', async () => {
    const main = fakeMain();
    const queue = new AutosaveQueue('h', 'setup', (i) => main.save(i), 0);
    const release = main.hold();
    queue.set('victimWishes', 'first');
    const flushing = queue.flush();
    await Promise.resolve();
    queue.set('victimWishes', 'first and more');
    release();
    await flushing;
    await queue.flush();
    expect(main.calls.map((c) => c.changes[0])).toEqual([
      { fieldId: 'victimWishes', value: 'first', baseRevision: 0 },
      { fieldId: 'victimWishes', value: 'first and more', baseRevision: 1 },
    ]);
    expect(queue.hasUnsaved()).toBe(false);
  });

  it('keeps answers the workstation kept (zone mode) pending, says so, and offers them again until the server confirms', async () => {
    const main = fakeMain();
    const queue = new AutosaveQueue('h', 'facts', (i) => main.save(i), 0, 20);
    const shown: string[] = [];
    queue.subscribe((status) => shown.push(status.state));
    main.failNext({ ok: false, error: { code: 'KEPT_ON_THIS_COMPUTER', message: 'kept' } });
    queue.set('narrative', 'texte fictif');
    await queue.flush();
    expect(queue.getStatus()).toEqual({ state: 'keptLocally' });
    expect(queue.unsavedValues().get('narrative')).toBe('texte fictif');
    // Not on the server (nothing may be approved or closed on it) but nothing lost with the window.
    expect(queue.hasUnsaved()).toBe(true);
    expect(queue.isAllKeptOnThisComputer()).toBe(true);
    // Typed meanwhile: the line still says where the answers are, and the new text is not kept yet.
    queue.set('narrative', 'texte fictif, suite');
    expect(queue.getStatus()).toEqual({ state: 'keptLocally' });
    expect(queue.isAllKeptOnThisComputer()).toBe(false);
    await queue.flush();
    expect(queue.isAllKeptOnThisComputer()).toBe(true);
    // The server is back: the queue's own retry (20 ms here) saves it.
    main.failNext(null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(queue.getStatus()).toMatchObject({ state: 'saved' });
    expect(queue.hasUnsaved()).toBe(false);
    expect(main.calls.at(-1)!.changes).toEqual([
      { fieldId: 'narrative', value: 'texte fictif, suite', baseRevision: 0 },
    ]);
    // Once kept, the line never went back to "saving…" at each retry or key.
    expect(shown.slice(shown.indexOf('keptLocally'))).toEqual(['keptLocally', 'saved']);
  });
});
