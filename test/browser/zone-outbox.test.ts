import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS, FORMS } from '../../forms/fields.generated';
import { tempDir } from '../helpers/temp-core';
import { startServerProcess, startTestZone, type ServerProcess, type TestZone } from '../helpers/zone';
import { callApi, createAccount } from './api';
import { expectAccessible } from './axe';
import { launchChromium, startHost, type RunningHost } from './harness';
import { account, firstRun, switchUser } from './pages/accounts';
import { HearingPage, waitForSaved } from './pages/hearing';

const OFFICER = account('officer', 'o.outbox', 'Odile Fictive');
/** For people to look at: the room's screen while its server is down. */
const LOOK_DIR = tempDir('hd-outbox-look-');

/**
 * Issue 15's first fault: the zone server is killed with SIGKILL while the officer types in the
 * interview room (a browser host in zone mode, its outbox in its data folder). She keeps typing;
 * the screen says her answers are kept on this computer; when the server is back everything she
 * typed reaches it, once and in order, and nothing the server had confirmed is lost.
 */
describe('the zone server dies while the officer types', () => {
  let zone: TestZone;
  let server: ServerProcess;
  let browser: Browser;
  let host: RunningHost;
  let page: Page;

  beforeAll(async () => {
    zone = await startTestZone();
    // The test's in-process server made the database; a server process, one that can be killed,
    // takes over on the same address.
    await zone.pause();
    server = await startServerProcess(zone.configFile);
    host = await startHost(tempDir('hd-outbox-room-'), { zone: await zone.settingsFileOf('ws-outbox-room') });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'fr-BE', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    await page.goto(host.url);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await server?.kill();
    await zone?.stop();
  });

  it('keeps what she types while the server is gone, says where it is, and sends it all when it is back', async () => {
    await firstRun(page);
    const unit = await callApi(page, 'units.save', { name: 'Unité Outbox (fictive)' });
    await createAccount(page, { ...OFFICER, unitId: unit.value!.unit.id });
    await switchUser(page, OFFICER);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    const hearing = new HearingPage(page);
    const hearingId = await hearing.create();
    await hearing.open(FORMS.facts);
    await page.getByRole('heading', { name: 'Faits' }).waitFor();
    const narrative = page.getByLabel("Ce qui s'est passé, avec ses mots");
    const place = page.getByLabel('Où');

    let text = 'Elle raconte (récit fictif).';
    await narrative.fill(text);
    await waitForSaved(page);

    // Killed in the middle of her typing: no shutdown, no last answer.
    await narrative.pressSequentially(' Il est rentré tard.', { delay: 15 });
    await server.kill();
    text += ' Il est rentré tard.';
    for (const sentence of [' Il a crié.', ' Il a jeté son téléphone contre le mur.']) {
      await narrative.pressSequentially(sentence, { delay: 15 });
      text += sentence;
    }
    await place.fill('Domicile commun (adresse fictive)');
    const kept = page.locator('[data-save-state="keptLocally"]');
    await kept.waitFor();
    expect(await kept.textContent()).toBe(
      "Pas encore enregistré sur le serveur\u202f: conservé sur cet ordinateur. Vous pouvez continuer\u202f; l'envoi reprendra dès que le serveur répondra.",
    );
    // Still usable: she goes on typing, the text stays on screen.
    await narrative.pressSequentially(' Les enfants dormaient.', { delay: 15 });
    text += ' Les enfants dormaient.';
    await page.waitForTimeout(800);
    await kept.waitFor();
    expect(await narrative.inputValue()).toBe(text);
    await expectAccessible(page, 'facts step, answers kept on the workstation');
    await page.screenshot({ path: path.join(LOOK_DIR, 'room-kept-on-this-computer.png') });

    server = await startServerProcess(zone.configFile);
    // Sent by the outbox or the screen's own retry, whichever comes first: the line says saved.
    await waitForSaved(page);
    const stored = await zone.owner.query<{ field_id: string; value_json: string; revision: number }>(
      'SELECT field_id, value_json, revision FROM answers WHERE hearing_id = ? AND field_id IN (?, ?) ORDER BY field_id',
      [hearingId, FIELDS.facts.narrative, FIELDS.facts.place],
    );
    expect(Object.fromEntries(stored.map((s) => [s.field_id, JSON.parse(s.value_json) as unknown]))).toEqual({
      [FIELDS.facts.narrative]: text,
      [FIELDS.facts.place]: 'Domicile commun (adresse fictive)',
    });
    // In order and once: each save of the narrative one revision after the other, never a
    // revision written twice, and nothing set aside as a conflict.
    const saves = await zone.owner.query<{ details: string }>(
      "SELECT details_json AS details FROM audit_events WHERE hearing_id = ? AND action = 'answers.saved' ORDER BY seq",
      [hearingId],
    );
    const narrativeRevisions = saves.flatMap((s) =>
      (JSON.parse(s.details) as { revisions: { fieldId: string; revision: number }[] }).revisions
        .filter((r) => r.fieldId === FIELDS.facts.narrative)
        .map((r) => r.revision),
    );
    expect(narrativeRevisions).toEqual(narrativeRevisions.map((_, index) => index + 1));
    expect(narrativeRevisions.at(-1)).toBe(stored.find((s) => s.field_id === FIELDS.facts.narrative)!.revision);
    // After a reload (the server's view, not the window's memory) the same text is on screen.
    await page.reload();
    await page.getByRole('heading', { name: 'Faits' }).waitFor();
    expect(await page.getByLabel("Ce qui s'est passé, avec ses mots").inputValue()).toBe(text);
  });
});
