import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeHearing } from '../helpers/complete-hearing';
import { riskStepAnswers } from '../helpers/risk-answers';
import { tempDir } from '../helpers/temp-core';
import { startTestZone, type TestZone } from '../helpers/zone';
import { apiOfPage, callApi, createAccount } from './api';
import { expectAccessible } from './axe';
import { launchChromium, startHost, type RunningHost } from './harness';
import { account, firstRun, signIn, switchUser } from './pages/accounts';
import { DigitalStep } from './pages/digital-step';
import { HearingPage } from './pages/hearing';
import { RiskStep } from './pages/risk-step';

/** Invented people and unit. */
const UNIT = 'Brigade Zone (fictive)';
const OFFICER = account('officer', 'z.officer', 'Zoé Fictive');
const SUPERVISOR = account('supervisor', 'z.supervisor', 'Zeno Verzonnen');
const VICTIM_SURNAME = 'Zonanom';
const COMMENT = 'A5 : revoyez avec elle si la menace a été répétée (commentaire fictif).';
/** For people to look at: the screens of a zone's workstations, as taken. */
const LOOK_DIR = tempDir('hd-zone-look-');

/**
 * Issue 15's acceptance: two workstations of one zone (two browser hosts in zone mode, each with
 * its own certificate of the zone CA), one `hearing-desk-server`, a real PostgreSQL. The officer
 * takes a hearing in the interview room (A); the supervisor at her desk (B) finds it in her queue.
 */
describe('a zone: the interview room and the supervisor’s desk on one server', () => {
  let zone: TestZone;
  let browser: Browser;
  const roomDir = tempDir('hd-room-');
  let roomHost: RunningHost;
  let deskHost: RunningHost;
  let room: Page;
  let desk: Page;
  let hearingId = '';

  beforeAll(async () => {
    zone = await startTestZone();
    roomHost = await startHost(roomDir, { zone: await zone.settingsFileOf('ws-interview-room-2') });
    deskHost = await startHost(tempDir('hd-desk-'), { zone: await zone.settingsFileOf('ws-supervisor-desk') });
    browser = await launchChromium();
    const open = async (host: RunningHost) => {
      const context = await browser.newContext({ locale: 'fr-BE', viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(host.url);
      return page;
    };
    room = await open(roomHost);
    desk = await open(deskHost);
  });
  afterAll(async () => {
    await browser?.close();
    await roomHost?.stop();
    await deskHost?.stop();
    await zone?.stop();
  });

  it('the room: names the zone server, and an officer takes a hearing up to an assessment that needs review', async () => {
    await room
      .locator('.connection[data-mode="zone"]')
      .getByText(`Zone\u202f: ${new URL(zone.url).host}`)
      .waitFor();
    await expectAccessible(room, 'first run, zone workstation');
    await room.screenshot({ path: path.join(LOOK_DIR, 'room-first-run.png') });
    await firstRun(room);
    const unit = await callApi(room, 'units.save', { name: UNIT });
    const unitId = unit.value!.unit.id;
    await createAccount(room, { ...OFFICER, unitId });
    await createAccount(room, { ...SUPERVISOR, unitId });
    await switchUser(room, OFFICER);
    await room.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    expect(await room.locator('.topbar .connection').textContent()).toBe(`Zone\u202f: ${new URL(zone.url).host}`);
    await room.screenshot({ path: path.join(LOOK_DIR, 'room-home.png') });

    const hearing = new HearingPage(room);
    hearingId = await hearing.create();
    await hearing.open('people');
    await room.locator('input[name="victimSurname"]').fill(VICTIM_SURNAME);
    await new DigitalStep(room).answer();
    await new RiskStep(room).answer({ A3: 'yes', A5: 'unknown' });
    const judgement = room.getByRole('region', { name: 'Appréciation professionnelle' });
    await judgement.getByLabel("Je suis d'accord avec le niveau").check();
    await judgement.getByRole('button', { name: "Soumettre l'évaluation" }).click();
    await room.locator('[data-assessment="1"]').getByText('en attente de relecture').waitFor();
    // On the server, not on the room's computer.
    const [stored] = await zone.owner.query<{ n: number }>(
      'SELECT count(*) AS n FROM risk_assessments WHERE hearing_id = ?',
      [hearingId],
    );
    expect(stored!.n).toBe(1);
    expect(fs.existsSync(path.join(roomDir, 'hearing-desk.db'))).toBe(false);
  });

  it('the desk: the supervisor finds it in her queue, opens it (audited) and returns it with a comment', async () => {
    // Opened before the zone's first administrator existed: now the server asks her to sign in.
    await desk.reload();
    await desk.getByRole('heading', { name: 'Connexion' }).waitFor();
    await desk.locator('.connection[data-mode="zone"]').waitFor();
    await desk.screenshot({ path: path.join(LOOK_DIR, 'desk-sign-in.png') });
    await signIn(desk, SUPERVISOR);
    await desk.getByRole('link', { name: 'File de relecture' }).click();
    await desk.getByRole('heading', { name: 'File de relecture' }).waitFor();
    const row = desk.locator('tr[data-level="3"]');
    expect(await row.textContent()).toContain('RF1');
    expect(await desk.locator('main').innerHTML()).not.toContain(VICTIM_SURNAME);
    await row.getByRole('link').click();
    await desk.getByText('Vous consultez cette audition en tant que superviseur·e').waitFor();
    await new RiskStep(desk).revealAssessment();
    const review = desk.getByRole('region', { name: 'Relecture par la supervision' });
    await review.getByLabel('Commentaire').fill(COMMENT);
    await review.getByRole('button', { name: 'Renvoyer au policier ou à la policière' }).click();
    await desk.locator('[data-assessment="1"]').getByText('renvoyée', { exact: false }).waitFor();
    await expectAccessible(desk, 'risk step, supervisor, zone workstation');
  });

  it('the room: the officer sees the return with its comment, assesses again and closes the hearing', async () => {
    await room.getByRole('link', { name: /Mes auditions/ }).click();
    const toDo = room.getByRole('region', { name: 'À faire' });
    await toDo.getByRole('button', { name: 'Afficher ce qui est à faire (1)' }).click();
    const returned = toDo.locator('tr[data-kind="assessmentReturned"]');
    expect(await returned.textContent()).toContain(`Évaluation du risque renvoyée par ${SUPERVISOR.displayName}`);
    expect(await returned.textContent()).toContain(COMMENT);
    await returned.getByRole('link').click();
    await new RiskStep(room).revealAssessment();
    expect(await room.locator('.risk-panel .returned-assessment').textContent()).toContain(COMMENT);

    // The rest of the hearing through the room's API (the screens have their own tests), then closed.
    const api = apiOfPage(room);
    await completeHearing({
      people: { victimSurname: VICTIM_SURNAME },
      risk: riskStepAnswers({ A3: 'yes', A5: 'no' }),
    }).take(api, { hearingId, until: 'closed' });
    expect((await api('hearings.load', { hearingId })).hearing.closedAt).not.toBeNull();
    await room.reload();
    await room.getByText('Cette audition est clôturée', { exact: false }).first().waitFor();
  });

  it('the desk: the supervisor prints the risk report, archived on the server with its SHA-256', async () => {
    await desk.goto(`${new URL(deskHost.url).origin}/#/hearing/${hearingId}/documents`);
    const panel = desk.getByRole('region', { name: 'Documents', exact: true });
    await panel.getByRole('button', { name: 'PDF : Rapport de risque' }).click();
    const status = panel.getByRole('status').filter({ hasText: 'SHA-256' });
    await status.waitFor();
    const sha256 = /([0-9a-f]{64})/.exec((await status.textContent()) ?? '')![1]!;
    const [archived] = await zone.owner.query<{ kind: string; sha256: string }>(
      'SELECT kind, sha256 FROM printed_documents WHERE hearing_id = ? ORDER BY printed_at DESC LIMIT 1',
      [hearingId],
    );
    expect(archived).toEqual({ kind: 'riskReport', sha256 });
    await desk.screenshot({ path: path.join(LOOK_DIR, 'desk-documents.png') });
  });

  it('kept the trail on the server: the supervisor’s opening, her return, each workstation by its own window', async () => {
    const actions = (
      await zone.owner.query<{ action: string; details: string }>(
        'SELECT action, details_json AS details FROM audit_events WHERE hearing_id = ? ORDER BY seq',
        [hearingId],
      )
    ).map((a) => `${a.action} ${a.details}`);
    expect(actions).toContain('hearing.opened {"asSupervisor":true}');
    expect(actions.some((a) => a.startsWith('risk.reviewed') && a.includes('"decision":"return"'))).toBe(true);
    expect(actions.some((a) => a.startsWith('hearing.closed'))).toBe(true);
    const sessions = await zone.owner.query<{ client_id: string }>('SELECT client_id FROM sessions', []);
    expect(sessions.map((s) => s.client_id.split('/')[0]).sort()).toEqual(
      expect.arrayContaining(['ws-interview-room-2', 'ws-supervisor-desk']),
    );
  });
});
