import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpFieldId, itemFieldId, sourceFieldId } from '../../forms/risk/risk-form';
import { completeHearing, saveStep } from '../helpers/complete-hearing';
import { tempDir } from '../helpers/temp-core';
import { startTestZone, type TestZone } from '../helpers/zone';
import { apiOfPage, callApi, createAccount, signedIn } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { launchChromium, startHost, type RunningHost } from './harness';
import { account, firstRun } from './pages/accounts';
import { fillDate, waitForSaved } from './pages/hearing';
import { RiskStep } from './pages/risk-step';

/**
 * Issue 16's acceptance on screen: complaint 1 taken and assessed (level 2: no review) in unit A,
 * a contact ban in force and then breached; complaint 2 by another officer of the unit, who links
 * the victim and the suspect. The records answer A9 and C4 on her risk step, marked as police
 * records; the pair's history shows complaint 1 as a summary; after her assessment, what changed,
 * new red flags first; the unit's supervisor sees the whole; an officer of another unit sees
 * nothing. The browser host keeps the real time: both complaints are of the same day. Every person
 * is invented.
 */
const UNIT = 'Brigade Couple (fictive)';
const OTHER_UNIT = 'Brigade Voisine (fictive)';
const FIRST = account('officer', 'pair.first', 'Nora Première');
const SECOND = account('officer', 'pair.second', 'Tom Second');
const SUPERVISOR = account('supervisor', 'pair.supervisor', 'Sara Superviseure');
const ELSEWHERE = { ...account('officer', 'pair.elsewhere', 'Olga Ailleurs'), unit: OTHER_UNIT };

const PEOPLE = {
  victimSurname: 'Lemaître',
  victimFirstNames: 'Héloïse',
  victimBirthDate: '1991-03-08',
  suspectSurname: 'Vandamme',
  suspectFirstNames: 'Kevin',
  suspectBirthDate: '1988-11-20',
};

type Catalog = {
  persons: Record<'show' | 'confirm', string>;
  pairs: Record<'showInRoom' | 'show' | 'showAgain' | 'sincePrevious', string> & {
    measure: Record<'contactBan', string>;
  };
  risk: {
    source: Record<'policeRecords', string>;
    history: Record<'nextDue' | 'reassessmentElsewhere', string>;
    level: Record<'2', string>;
  };
  documents: { risk: Record<'reassessmentElsewhere', string> };
};
const catalog = JSON.parse(fs.readFileSync('forms/catalogs/officer/fr.json', 'utf8')) as Catalog;
const texts = catalog.pairs;

/** Opens the pair's history on the step shown: revealed first in room mode (unless it still is), then asked for. */
async function openHistory(page: Page) {
  const panel = page.locator('.pair-history');
  const reveal = panel.getByRole('button', { name: texts.showInRoom });
  if ((await reveal.getAttribute('aria-expanded')) === 'false') await reveal.click();
  await panel.getByRole('button', { name: texts.show, exact: true }).click();
  await panel.locator('.pair-history-shown').waitFor();
  return panel;
}

/** Where the scenario runs: a window signed in on the first or the second workstation (one and the same standalone). */
interface Workstations {
  name: string;
  first(who: { username: string; password: string }): Promise<Page>;
  second(who: { username: string; password: string }): Promise<Page>;
  goto(page: Page, route: string): Promise<void>;
  /** Time passes after complaint 1 (where the test can move its dates). */
  later?(complaint1: string): Promise<void>;
}

const WINDOW = { locale: 'fr-BE', viewport: { width: 1366, height: 768 } };

/**
 * Complaint 1 (a contact ban in force, then breached) by the first officer; complaint 2 by another
 * officer, who links the victim and the suspect; then what each one may see.
 */
async function complaintsOfOnePair(at: Workstations): Promise<void> {
  // Complaint 1: taken and closed by the first officer (level 2: she fears him; a contact ban in
  // force), then a breach noted.
  const first = await at.first(FIRST);
  const firstApi = apiOfPage(first);
  const complaint1 = await completeHearing({
    people: PEOPLE,
    risk: { [itemFieldId('E1')]: 'yes' },
    measures: { contactBanPosition: 'wants', contactBanState: 'inForce' },
  }).take(firstApi);
  const [assessment1] = (await firstApi('risk.history', { hearingId: complaint1 })).assessments;
  expect(assessment1!.level).toBe(2);
  await firstApi('risk.noteEvent', { hearingId: complaint1, kind: 'breach', note: 'Appels répétés (inventé).' });
  await at.later?.(complaint1);

  // Complaint 2, by the second officer, on screen: she types the same two people.
  const page = await at.second(SECOND);
  const api = apiOfPage(page);
  const complaint2 = (await api('hearings.create', {})).hearing.id;
  await at.goto(page, `hearing/${complaint2}/people`);
  for (const [fieldId, value] of Object.entries(PEOPLE)) {
    const input = page.locator(`[data-field="${fieldId}"] input`);
    if (fieldId.endsWith('BirthDate')) await fillDate(input, value);
    else await input.pressSequentially(value);
  }
  await waitForSaved(page);
  const persons = page.locator('.persons-panel');
  await persons.getByRole('button', { name: catalog.persons.show }).click();
  for (const role of ['victim', 'suspect']) {
    const candidate = persons.locator(`[data-role="${role}"] .person-candidates li`).first();
    await candidate.getByRole('button', { name: catalog.persons.confirm }).click();
    await persons.locator(`[data-role="${role}"] .person-linked`).waitFor();
  }
  // The records answered the risk step: told to her here, and marked as police records there.
  const told = await persons.locator('.persons-records').innerText();
  expect(told).toContain('A9');
  expect(told).toContain('C4');
  const riskAnswer = async (fieldId: string) =>
    (await api('hearings.load', { hearingId: complaint2 })).answers.find(
      (a) => a.formId === 'risk' && a.fieldId === fieldId,
    )?.value;
  expect(await riskAnswer(itemFieldId('A9'))).toBe('yes');
  expect(await riskAnswer(sourceFieldId('A9'))).toBe('policeRecords');

  // The pair's history, opened on purpose (room mode: revealed first), as a summary.
  const history = await openHistory(page);
  const timeline = history.locator('.pair-timeline > li');
  await timeline.first().waitFor();
  expect(await timeline.count()).toBe(2);
  const shown = await history.innerText();
  // Complaint 1, at level 2.
  expect(await timeline.first().innerText()).toContain(catalog.risk.level['2']);
  expect(shown).toContain(texts.measure.contactBan);
  expect(shown).not.toContain(FIRST.displayName);
  expect(shown).not.toContain('Appels répétés');
  await expect(history.locator('.pair-breach').count()).resolves.toBe(1);
  await expectAccessible(page, 'the pair’s history as a summary');
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(os.tmpdir(), `hd16-${at.name}-pair-history-summary-fr.png`) });

  // Her risk step: A9 answered, its source police records, on screen.
  await at.goto(page, `hearing/${complaint2}/risk`);
  const a9 = page.locator(`[data-field="${itemFieldId('A9')}"]`);
  await a9.waitFor();
  expect(await a9.locator('input[value="yes"]').isChecked()).toBe(true);
  const source = page.locator(`[data-field="${sourceFieldId('A9')}"] select`);
  expect(await source.inputValue()).toBe('policeRecords');
  await a9.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(os.tmpdir(), `hd16-${at.name}-risk-from-records-fr.png`) });

  // Her assessment, on today's answers: the history then says what changed since complaint 1's.
  const { answers } = completeHearing({ risk: { [itemFieldId('B1')]: 'yes' } });
  const own = Object.fromEntries(
    Object.entries(answers['risk']!).filter(
      ([fieldId]) =>
        ![
          itemFieldId('A9'),
          sourceFieldId('A9'),
          followUpFieldId('A9'),
          itemFieldId('C4'),
          sourceFieldId('C4'),
        ].includes(fieldId),
    ),
  );
  for (const formId of ['facts', 'digital']) await saveStep(api, complaint2, formId, answers[formId]!);
  await saveStep(api, complaint2, 'risk', own);
  const version = (await api('hearings.load', { hearingId: complaint2 })).forms.find(
    (f) => f.formId === 'risk',
  )!.formVersion;
  await api('risk.submit', { hearingId: complaint2, definitionVersion: version, trigger: 'initial' });
  await at.goto(page, `hearing/${complaint2}/people`);
  // The risk step shows the history too: wait for the people step before asking for it.
  await page.locator('.persons-panel').waitFor();
  await (await openHistory(page)).getByRole('heading', { name: texts.sincePrevious }).waitFor();
  expect(await page.locator('.pair-history .new-red-flags').innerText()).toContain('RF5');

  // Her assessment is the pair's reassessment: complaint 1's risk step says so, on its workstation,
  // instead of the date of its own (its breach had made it due).
  await at.goto(first, `hearing/${complaint1}/risk`);
  await new RiskStep(first).revealAssessment();
  const [since, rest] = catalog.risk.history.reassessmentElsewhere.split('{{time}}') as [string, string];
  const firstHistory = first.locator('.risk-history').filter({ hasText: rest });
  await firstHistory.waitFor();
  const said = await firstHistory.innerText();
  expect(said).toContain(since);
  expect(said).not.toContain(catalog.risk.history.nextDue.split('{{time}}')[0]!);
  await firstHistory.scrollIntoViewIfNeeded();
  await first.screenshot({ path: path.join(os.tmpdir(), `hd16-${at.name}-reassessment-elsewhere-fr.png`) });
  // And so does complaint 1's risk report, printed now, in its "next reassessment" row.
  const report = await firstApi('documents.create', { hearingId: complaint1, kind: 'riskReport', output: 'pdf' });
  const pdf = path.join(os.tmpdir(), `hd16-${at.name}-risk-report-complaint1.pdf`);
  fs.writeFileSync(pdf, Buffer.from(report.pdfBase64!, 'base64'));
  const printed = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const part of catalog.documents.risk.reassessmentElsewhere.split('{{time}}'))
    expect(printed).toContain(part.trim());

  // The unit's supervisor: the whole history, who assessed included.
  const supervisor = await at.second(SUPERVISOR);
  await at.goto(supervisor, `hearing/${complaint2}/people`);
  const full = await openHistory(supervisor);
  await full.locator('.pair-timeline > li').first().waitFor();
  const whole = await full.innerText();
  expect(whole).toContain(FIRST.displayName);
  expect(whole).toContain('Appels répétés (inventé).');
  await full.scrollIntoViewIfNeeded();
  await supervisor.screenshot({ path: path.join(os.tmpdir(), `hd16-${at.name}-pair-history-full-fr.png`) });

  // An officer of another unit: no history.
  const elsewhere = await at.second(ELSEWHERE);
  const refused = await callApi(elsewhere, 'pairs.history', { hearingId: complaint2, reason: 'newComplaint' });
  expect(refused.ok).toBe(false);
  expect(refused.error?.code).toBe('FORBIDDEN');

  for (const p of [first, page, supervisor, elsewhere]) await p.context().close();
}

describe('one history per victim and suspect, on one workstation', () => {
  const app = useBrowserHost({
    name: 'pair-history',
    units: [UNIT, OTHER_UNIT],
    users: [FIRST, SECOND, SUPERVISOR, ELSEWHERE],
    signInAs: null,
  });

  it('links complaint 2 to complaint 1, answers A9 from the records, shows the pair’s history by need to know', async () => {
    const signedInHere = async (who: { username: string; password: string }) => {
      const page = await app.newPage(WINDOW);
      await signedIn(page, app.origin, who);
      return page;
    };
    await complaintsOfOnePair({
      name: 'standalone',
      first: signedInHere,
      second: signedInHere,
      goto: (page, route) => app.goto(route, page),
    });
  });

  it('answers her risk step from the records when the pair is completed from the other complaint, as she opens hers', async () => {
    const people = {
      victimSurname: 'Dewitte',
      victimFirstNames: 'Anaïs',
      victimBirthDate: '1994-07-12',
      suspectSurname: 'Peeters',
      suspectFirstNames: 'Jonas',
      suspectBirthDate: '1990-01-30',
    };
    const windowOf = async (who: { username: string; password: string }) => {
      const page = await app.newPage(WINDOW);
      await signedIn(page, app.origin, who);
      return page;
    };
    const firstPage = await windowOf(FIRST);
    const firstApi = apiOfPage(firstPage);
    const page = await windowOf(SECOND);
    const api = apiOfPage(page);
    // Complaint 1 is still open with the first officer; complaint 2 links only its victim.
    const complaint1 = (await firstApi('hearings.create', {})).hearing.id;
    await saveStep(firstApi, complaint1, 'people', people);
    for (const role of ['victim', 'suspect'] as const)
      await firstApi('persons.candidates', { hearingId: complaint1, role });
    const complaint2 = (await api('hearings.create', {})).hearing.id;
    await saveStep(api, complaint2, 'people', people);
    const [victim] = (await api('persons.candidates', { hearingId: complaint2, role: 'victim' })).candidates;
    await api('persons.confirm', { hearingId: complaint2, role: 'victim', personId: victim!.personId });
    await api('persons.candidates', { hearingId: complaint2, role: 'suspect' });
    // The first officer links her suspect to complaint 2's: the pair is complete, from complaint 1.
    const [suspect] = (await firstApi('persons.candidates', { hearingId: complaint1, role: 'suspect' })).candidates;
    await firstApi('persons.confirm', { hearingId: complaint1, role: 'suspect', personId: suspect!.personId });

    // The second officer opens her risk step: A9 answered, its source the police records.
    await app.goto(`hearing/${complaint2}/risk`, page);
    const a9 = page.locator(`[data-field="${itemFieldId('A9')}"]`);
    await a9.waitFor();
    expect(await a9.locator('input[value="yes"]').isChecked()).toBe(true);
    const source = page.locator(`[data-field="${sourceFieldId('A9')}"] select`);
    expect(await source.inputValue()).toBe('policeRecords');
    expect(await source.locator('option:checked').innerText()).toBe(catalog.risk.source.policeRecords);
    await a9.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(os.tmpdir(), 'hd16-standalone-risk-from-records-other-side-fr.png') });
    for (const p of [firstPage, page]) await p.context().close();
  });
});

/**
 * The same across a zone (issue 16's acceptance): complaint 1 in the interview room (workstation
 * A), three months before complaint 2 at another workstation (B), one server, a real PostgreSQL.
 */
describe('one history per victim and suspect, across a zone', () => {
  let zone: TestZone;
  let browser: Browser;
  let roomHost: RunningHost;
  let otherHost: RunningHost;

  beforeAll(async () => {
    zone = await startTestZone();
    roomHost = await startHost(tempDir('hd-pair-room-'), { zone: await zone.settingsFileOf('ws-pair-room') });
    otherHost = await startHost(tempDir('hd-pair-other-'), { zone: await zone.settingsFileOf('ws-pair-other') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await roomHost?.stop();
    await otherHost?.stop();
    await zone?.stop();
  });

  it('links complaint 2 on workstation B to complaint 1 of workstation A, with the records and the history', async () => {
    // A host's address opens it once: each host's first window keeps its launch cookie, given to the others.
    const launched = new Map<RunningHost, Page>();
    for (const host of [roomHost, otherHost]) {
      const page = await (await browser.newContext(WINDOW)).newPage();
      await page.goto(host.url);
      launched.set(host, page);
    }
    const open = async (host: RunningHost) => {
      const context = await browser.newContext(WINDOW);
      await context.addCookies(await launched.get(host)!.context().cookies());
      return context.newPage();
    };
    // The zone's first administrator, units and accounts, from the room.
    const admin = launched.get(roomHost)!;
    await firstRun(admin);
    const unitIds: Record<string, string> = {};
    for (const name of [UNIT, OTHER_UNIT])
      unitIds[name] = (await callApi(admin, 'units.save', { name })).value!.unit.id;
    for (const { unit, ...who } of [FIRST, SECOND, SUPERVISOR, ELSEWHERE] as (typeof ELSEWHERE)[])
      await createAccount(admin, { ...who, unitId: unitIds[unit ?? UNIT]! });

    const signedInOn = (host: RunningHost) => async (who: { username: string; password: string }) => {
      const page = await open(host);
      await signedIn(page, new URL(host.url).origin, who);
      return page;
    };
    await complaintsOfOnePair({
      name: 'zone',
      first: signedInOn(roomHost),
      second: signedInOn(otherHost),
      goto: async (page, route) => {
        await page.goto(`${new URL(page.url()).origin}/#/${route}`);
      },
      // Complaint 1 moved three months back, as if taken then (the server keeps the real time).
      later: async (complaint1) => {
        const back = 90 * 86_400_000;
        for (const [table, columns, key] of [
          ['hearings', ['created_at', 'updated_at', 'closed_at'], 'id'],
          ['hearing_persons', ['hearing_opened_at', 'linked_at'], 'hearing_id'],
          ['risk_assessments', ['created_at', 'next_due_at'], 'hearing_id'],
          ['risk_events', ['at'], 'hearing_id'],
        ] as const)
          await zone.owner.query(
            `UPDATE ${table} SET ${columns.map((c) => `${c} = ${c} - ${back}`).join(', ')} WHERE ${key} = ?`,
            [complaint1],
          );
      },
    });
  });
});
