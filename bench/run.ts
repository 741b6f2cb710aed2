/**
 * `npm run bench`: the figures issue #2 asks for, measured on this machine.
 *  - save round trip with 10,000 hearings in the database: in main (dispatcher to durable
 *    write), over the browser host's loopback transport, and from a click in the real UI in
 *    Chromium until "saved" is shown;
 *  - the renderer's initial JavaScript, gzipped;
 *  - browser-host start to an interactive login screen;
 *  - the Art. 9 statistics export and the supervisor's review queue with 100,000 hearings and
 *    1,000,000 answers (bench/statistics.ts), and on that database the checks at start:
 *    quick_check, integrity_check and a clean start (bench/startup-checks.ts);
 *  - the evidence import of a 2 GB file against sha256sum, and its peak memory (bench/evidence.ts);
 *  - the victim's copy of a closed hearing: time and size per page (bench/documents.ts);
 *  - the audit chain's verification with 1,000,000 entries, from the first entry and from the
 *    checkpoint a start uses (bench/audit.ts; alone with `--only=audit`, about two minutes);
 *  - the officer's interactions in one realistic hearing scripted through the UI in Chromium, from
 *    "Nouvelle audition" to her copy printed, per step, against issue 17's target of 120
 *    (bench/hearing-clicks.ts; alone with `--only=clicks`);
 *  - the zone server: a save from a workstation over mutual TLS to PostgreSQL's commit with 1
 *    workstation, and with 50 at the pace of the officer's screen, after a pause and back to back;
 *    the rate it sustains with p99 under 20 ms against pgbench's (its rate and each update's
 *    latency); the CPU time a save costs the server and PostgreSQL; and its memory
 *    (bench/zone-server.ts; alone with `--only=zone`, about four minutes);
 *  - the search for earlier persons with 100,000 persons on both stores, its recall and its false
 *    proposals on a generated set (bench/persons.ts; alone with `--only=persons`, `--persons=N`).
 * `--only=closed-hearing` measures the large closed hearing alone; with HD_PHASES=1 it prints
 * each load's resource and paint timings, with HD_PROFILE=1 a CPU profile's heaviest functions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createAppCore, repositoryAssets, type AppCore } from '../src-main/app-core';
import { startBrowserHost } from '../src-main/browser-host/server';
import { parseConfig } from '../src-main/config';
import { benchStatistics } from './statistics';
import { benchStartupChecks, measureStartupChecks, startupCheckLines } from './startup-checks';
import { benchStores, storesLines } from './stores';
import { benchEvidence, evidenceLines } from './evidence';
import { benchDocuments, documentLines } from './documents';
import { auditLines, benchAudit } from './audit';
import { benchHearingClicks, hearingClickLines } from './hearing-clicks';
import { benchZoneServer, zoneLines } from './zone-server';
import { benchPersons, personsLines } from './persons';
import { completeHearing, type Api } from '../test/helpers/complete-hearing';
import { CHROMIUM, launchChromium, startHost } from '../test/browser/harness';
import { promptFieldId } from '../forms/digital/prompts';
import { itemFieldId } from '../forms/risk/risk-form';

const ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER = path.join(ROOT, '.vite/renderer/main_window');
const HEARINGS = 10_000;
const ANSWERS_PER_HEARING = 12;
const SAVES = 1_000;
const UI_SAVES = 200;
const OFFICER = {
  username: 'bench.officer',
  displayName: 'Bench Officer',
  password: 'bench officer passphrase',
  role: 'officer' as const,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, median: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function main() {
  // `npm run bench -- --only=stores`: the same core on SQLite and on a durable PostgreSQL, against pgbench.
  if (process.argv.includes('--only=stores')) {
    for (const line of storesLines(await benchStores(ROOT))) console.log(line);
    return;
  }
  // `npm run bench -- --only=persons [--persons=N]`: the search for earlier persons on both stores, its recall and false proposals.
  if (process.argv.includes('--only=persons')) {
    const size = process.argv.find((a) => a.startsWith('--persons='));
    const persons = size ? Number(size.slice('--persons='.length)) : undefined;
    for (const line of personsLines(await benchPersons(ROOT, persons ? { persons } : {}))) console.log(line);
    return;
  }
  // `npm run bench -- --only=zone`: hearing-desk-server under 1 and 50 workstations, against pgbench.
  if (process.argv.includes('--only=zone')) {
    for (const line of zoneLines(await benchZoneServer(ROOT))) console.log(line);
    return;
  }
  if (!fs.existsSync(path.join(RENDERER, 'index.html')))
    throw new Error('Build the renderer first (npm run bench does)');
  // `npm run bench -- --only=closed-hearing`: that one figure, in a minute instead of six.
  if (process.argv.includes('--only=closed-hearing')) return benchClosedHearingOnly();
  // `npm run bench -- --only=documents`: her copy and leaflet (render, filter, Chromium, the PDF text check).
  if (process.argv.includes('--only=documents')) {
    for (const line of documentLines(await benchDocuments(CHROMIUM))) console.log(line);
    return;
  }
  // `npm run bench -- --only=clicks`: one hearing through the UI, the officer's interactions counted.
  if (process.argv.includes('--only=clicks')) {
    for (const line of hearingClickLines(await benchHearingClicks())) console.log(line);
    return;
  }
  // `npm run bench -- --only=audit`: the audit chain's verification with 1,000,000 entries.
  if (process.argv.includes('--only=audit')) {
    for (const line of auditLines(await benchAudit())) console.log(line);
    return;
  }
  // `npm run bench -- --only=startup-checks`: quick_check and integrity_check on the large database.
  if (process.argv.includes('--only=startup-checks')) {
    const { database, figures } = await benchStartupChecks(ROOT);
    console.log(`statistics database: ${database.hearings} hearings, ${database.answers} answers`);
    for (const line of startupCheckLines(figures)) console.log(line);
    return;
  }
  // First, on its own database of 100,000 hearings and 1,000,000 answers (bench/statistics.ts);
  // printed at once, since it takes a while.
  const statistics = await benchStatistics(ROOT, {
    measureClosedDatabase: (dataDir, key) => measureStartupChecks(dataDir, key, ROOT),
  });
  console.log(
    `statistics database: ${statistics.database.hearings} hearings, ${statistics.database.answers} answers, ${statistics.database.assessments} assessments, ${statistics.database.events} events`,
  );
  for (const [name, s] of [
    [`Art. 9 export, one year by month (${statistics.hearingsInRange} hearings)`, statistics.exportOneYearByMonth],
    [`Art. 9 export, all ${statistics.database.hearings} hearings by month`, statistics.exportAllByMonth],
    [`supervisor's review queue (${statistics.queue.items} items shown)`, statistics.queue],
  ] as const) {
    console.log(`${name.padEnd(50)} median ${ms(s.median).padStart(10)}   p99 ${ms(s.p99).padStart(10)}   (n=${s.n})`);
  }
  if (statistics.startupChecks) for (const line of startupCheckLines(statistics.startupChecks)) console.log(line);
  // A 2 GB file through the evidence import, against sha256sum in the same run; printed at once too.
  const evidence = await benchEvidence(ROOT);
  for (const line of evidenceLines(evidence)) console.log(line);
  const documents = await benchDocuments(CHROMIUM);
  for (const line of documentLines(documents)) console.log(line);
  const audit = await benchAudit();
  for (const line of auditLines(audit)) console.log(line);
  const hearingClicks = await benchHearingClicks();
  for (const line of hearingClickLines(hearingClicks)) console.log(line);
  const zoneServer = await benchZoneServer(ROOT);
  for (const line of zoneLines(zoneServer)) console.log(line);
  for (const line of personsLines(await benchPersons(ROOT))) console.log(line);
  const { dataDir, key, core, call } = await openBenchCore();
  const officerId = (
    core.database!.sqlite.prepare('SELECT id FROM users WHERE username = ?').get(OFFICER.username) as { id: string }
  ).id;

  // Seed 10,000 hearings with answers straight into the tables, in one transaction (seeding only).
  const seedStart = performance.now();
  const sqlite = core.database!.sqlite;
  const insertHearing = sqlite.prepare(
    "INSERT INTO hearings (id, reference, owner_id, status, created_at, updated_at) VALUES (?, ?, ?, 'open', ?, ?)",
  );
  const insertForm = sqlite.prepare(
    "INSERT INTO hearing_forms (hearing_id, form_id, form_version) VALUES (?, 'setup', 1)",
  );
  const insertAnswer = sqlite.prepare(
    "INSERT INTO answers (hearing_id, form_id, form_version, field_id, value_json, revision, updated_at, updated_by) VALUES (?, 'setup', 1, ?, ?, 1, ?, ?)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < HEARINGS; i++) {
      const id = randomUUID();
      const at = Date.now() - i * 60_000;
      insertHearing.run(id, `HD-2025-${String(i + 1).padStart(6, '0')}`, officerId, at, at);
      insertForm.run(id);
      for (let f = 0; f < ANSWERS_PER_HEARING; f++)
        insertAnswer.run(id, `field${f}`, JSON.stringify(`answer ${f} `.repeat(20)), at, officerId);
    }
  })();
  const seedMs = performance.now() - seedStart;

  const { hearing } = (await call('bench', 'hearings.create', {})) as { hearing: { id: string } };
  let revision = 0;
  const inMain: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const start = performance.now();
    await call('bench', 'hearings.saveAnswers', {
      hearingId: hearing.id,
      formId: 'setup',
      changes: [{ fieldId: 'victimWishes', value: `wish ${i}`, baseRevision: revision++ }],
    });
    inMain.push(performance.now() - start);
  }

  const host = await startBrowserHost({ core, rendererDir: RENDERER });
  const { browser, page } = await officerWindow(host.url);

  // The transport alone: a renderer's call over loopback HTTP to the dispatcher and back.
  const overHttp = await page.evaluate(
    async ({ hearingId, firstRevision, count }) => {
      const samples: number[] = [];
      // The signed-in tab's own client id, as the API client sends it.
      const clientId = sessionStorage.getItem('hearing-desk.client-id') ?? '';
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        const response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Hearing-Desk-Client': clientId },
          body: JSON.stringify({
            channel: 'hearings.saveAnswers',
            input: {
              hearingId,
              formId: 'setup',
              changes: [{ fieldId: 'supportPerson', value: `p ${i}`, baseRevision: firstRevision + i }],
            },
          }),
        });
        const envelope = (await response.json()) as { ok: boolean };
        if (!envelope.ok) throw new Error(JSON.stringify(envelope));
        samples.push(performance.now() - start);
      }
      return samples;
    },
    { hearingId: hearing.id, firstRevision: 0, count: SAVES },
  );

  // The whole path: a click on a radio button until the UI shows "saved".
  await page.goto(`${new URL(host.url).origin}/#/hearing/${hearing.id}`);
  await page.getByRole('heading', { name: 'Préparation' }).waitFor();
  const group = page.getByRole('group', { name: 'Elle peut parler en sécurité maintenant' });
  const inUi: number[] = [];
  for (let i = 0; i < UI_SAVES; i++) {
    const option = group.getByLabel(i % 2 === 0 ? 'Oui' : 'Non');
    const handle = await option.elementHandle();
    inUi.push(
      await page.evaluate(
        (input) =>
          new Promise<number>((resolve) => {
            // No named inner functions: tsx would wrap them in a helper the page does not have.
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (document.querySelector('[data-save-state]')?.getAttribute('data-save-state') === 'saved') {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
            (input as HTMLInputElement).click();
          }),
        handle,
      ),
    );
  }
  const largeHearingId = await prepareLargeClosedHearing(core);
  await browser.close();
  await host.close();
  await core.close();

  // Initial JavaScript: the entry script and everything it preloads.
  const html = fs.readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const jsBytes = scripts.reduce((sum, file) => sum + fs.statSync(path.join(RENDERER, file)).size, 0);
  const jsGzip = scripts.reduce(
    (sum, file) => sum + gzipSync(fs.readFileSync(path.join(RENDERER, file)), { level: 9 }).length,
    0,
  );

  // The browser host reads its key from this file (see src-main/browser-host/cli.ts).
  fs.writeFileSync(path.join(dataDir, 'database-key.dev'), key.toString('hex'), { mode: 0o600 });
  const startup = await measureStartup(dataDir);
  const largeHearing = await measureLargeClosedHearing(dataDir, largeHearingId);

  const results = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    database: { hearings: HEARINGS + 1, answers: HEARINGS * ANSWERS_PER_HEARING, seedMs: Math.round(seedMs) },
    saveInMain: summary(inMain),
    saveOverBrowserHostHttp: summary(overHttp),
    saveFromUiClickToSavedShown: summary(inUi),
    rendererInitialJs: { files: scripts, bytes: jsBytes, gzipBytes: jsGzip },
    browserHostStartToLogin: summary(startup),
    largeClosedHearing: largeHearing,
    statisticsExport: statistics,
    evidenceImport: evidence,
    victimCopy: documents,
    auditTrail: audit,
    hearingClicks,
    zoneServer,
  };
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/latest.json'), JSON.stringify(results, null, 2));

  console.log(
    `\nHearing Desk benchmarks (${results.machine.cpus} × ${results.machine.cpu}, Node ${results.machine.node})`,
  );
  console.log(`database: ${results.database.hearings} hearings, ${results.database.answers} answers`);
  for (const [name, s] of [
    ['save, in main (dispatcher → durable write)', results.saveInMain],
    ['save, renderer → browser host → durable write', results.saveOverBrowserHostHttp],
    ['save, UI click → "saved" shown', results.saveFromUiClickToSavedShown],
    ['browser host start → login screen interactive', results.browserHostStartToLogin],
  ] as const) {
    console.log(`${name.padEnd(50)} median ${ms(s.median).padStart(10)}   p99 ${ms(s.p99).padStart(10)}   (n=${s.n})`);
  }
  for (const line of closedHearingLines(largeHearing)) console.log(line);
  console.log(
    `${'renderer initial JavaScript'.padEnd(50)} ${(jsBytes / 1024).toFixed(1)} KB, gzipped ${(jsGzip / 1024).toFixed(1)} KB`,
  );
  for (const line of evidenceLines(evidence)) console.log(line);
  for (const line of documentLines(documents)) console.log(line);
  for (const line of auditLines(audit)) console.log(line);
  for (const line of hearingClickLines(hearingClicks)) console.log(line);
  for (const line of zoneLines(zoneServer)) console.log(line);
  console.log('written to bench/results/latest.json');
}

/** A fresh encrypted database with an administrator, a unit and the bench officer signed in as `bench`. */
async function openBenchCore() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bench-'));
  const key = randomBytes(32);
  const core = await createAppCore({
    dataDir,
    key,
    migrationsFolder: path.join(ROOT, 'migrations', 'sqlite'),
    assets: repositoryAssets(ROOT),
    config: parseConfig({}),
  });
  const call = async (client: string, channel: Parameters<typeof core.dispatcher.call>[1], input: object) => {
    const result = await core.dispatcher.call(client, channel, input as never);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as never;
  };
  await call('admin', 'setup.createAdministrator', {
    username: 'bench.admin',
    displayName: 'Bench Admin',
    password: 'bench admin passphrase',
  });
  // Officers belong to a unit.
  const { unit } = (await call('admin', 'units.save', { name: 'Bench unit' })) as { unit: { id: string } };
  // Her first sign-in replaces the password the administrator gave with her own.
  const given = `temporary ${OFFICER.password}`;
  await call('admin', 'users.create', { ...OFFICER, password: given, unitId: unit.id });
  await call('bench', 'session.login', { username: OFFICER.username, password: given });
  await call('bench', 'session.changePassword', { currentPassword: given, newPassword: OFFICER.password });
  return { dataDir, key, core, call };
}

/** `--only=closed-hearing`: the large closed hearing opened in the browser host, and nothing else. */
async function benchClosedHearingOnly(): Promise<void> {
  const { dataDir, key, core } = await openBenchCore();
  const hearingId = await prepareLargeClosedHearing(core);
  await core.close();
  fs.writeFileSync(path.join(dataDir, 'database-key.dev'), key.toString('hex'), { mode: 0o600 });
  for (const line of closedHearingLines(await measureLargeClosedHearing(dataDir, hearingId))) console.log(line);
}

function closedHearingLines(largeHearing: Awaited<ReturnType<typeof measureLargeClosedHearing>>): string[] {
  return [
    `${'open closed hearing (50 rows), people step'.padEnd(50)} median ${ms(largeHearing.openPeople.median).padStart(10)}   p99 ${ms(largeHearing.openPeople.p99).padStart(10)}   (n=${largeHearing.openPeople.n})`,
    `${'open closed hearing, 20,000-word statement step'.padEnd(50)} median ${ms(largeHearing.openStatement.median).padStart(10)}   p99 ${ms(largeHearing.openStatement.p99).padStart(10)}   (n=${largeHearing.openStatement.n})`,
    `${'renderer JS heap, largest seen (all steps)'.padEnd(50)} ${(largeHearing.maxJsHeapBytes / 1024 / 1024).toFixed(1)} MB`,
  ];
}

/**
 * A closed hearing as large as they come: 20 children, 20 other persons, 10 witnesses and a
 * 20,000-word statement, written through the services. Returns its id.
 */
async function prepareLargeClosedHearing(core: AppCore): Promise<string> {
  const call: Api = async (channel, input) => {
    const result = await core.dispatcher.call('bench', channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${JSON.stringify(result.error.fields)}`);
    return result.value;
  };
  const rows = (n: number, values: (i: number) => object) =>
    Array.from({ length: n }, (_, i) => ({ key: `row-${i}`, values: values(i) }));
  const words = ['elle', 'déclare', 'que', 'il', 'a', 'crié', 'puis', 'frappé', 'la', 'porte'];
  const hearingId = await completeHearing(
    {
      setup: { victimLanguage: 'fr', procedureLanguage: 'fr', preferredOfficerGender: 'none' },
      people: {
        victimSurname: 'Bench',
        victimFirstNames: 'Victime',
        victimBirthDate: '1990-01-01',
        suspectSurname: undefined,
        suspectFirstNames: undefined,
        suspectRelationship: 'partner',
        suspectCohabiting: 'yes',
        children: rows(20, (i) => ({
          firstName: `Enfant ${i}`,
          birthDate: '2015-06-01',
          relationshipToSuspect: 'child',
          exposed: 'yes',
          present: 'no',
          needs: 'Suivi psychologique. '.repeat(5),
        })),
        otherPersons: rows(20, (i) => ({ name: `Personne ${i}`, role: 'voisin' })),
      },
      facts: {
        narrative: 'Récit. '.repeat(500),
        period: { from: '2026-01-01', to: '2026-11-01' },
        formsOfViolence: ['physical', 'psychological'],
        earlierIncidents: 'no',
        earlierComplaints: 'no',
        witnesses: rows(10, (i) => ({
          name: `Témoin ${i}`,
          relation: 'voisine',
          whatTheySaw: 'Des cris. '.repeat(10),
        })),
      },
      digital: { [promptFieldId('G1.3')]: 'yes', [promptFieldId('G4.1')]: 'no' },
      risk: { [itemFieldId('A1')]: 'no', [itemFieldId('A3')]: 'yes', [itemFieldId('B1')]: 'yes' },
      measures: {
        contactBanPosition: 'wants',
        contactBanState: 'requested',
        addressProtectionPosition: 'refuses',
        addressProtectionState: 'notPursued',
      },
      referrals: { servicesOffered: ['none'] },
      statement: { text: Array.from({ length: 20_000 }, (_, i) => words[i % words.length]).join(' ') },
    },
    { addendum: null },
  ).take(call);

  return hearingId;
}

/**
 * Times fresh page loads of the closed hearing until the step's last row is on screen, against
 * a browser host of its own (`npm run dev:browser`'s process), as an officer's machine runs it:
 * not the benchmark's process, whose heap holds everything measured before.
 */
async function measureLargeClosedHearing(dataDir: string, hearingId: string) {
  const host = await startHost(dataDir);
  const { browser, page } = await officerWindow(host.url);
  const origin = new URL(host.url).origin;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let maxJsHeapBytes = 0;
  const sampleHeap = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    maxJsHeapBytes = Math.max(maxJsHeapBytes, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
  };
  // Measured inside the page, from the start of navigation to the moment the step's last
  // field exists, so Playwright's own polling is not counted.
  await page.addInitScript(() => {
    const w = window as unknown as { __readySelector?: string; __readyAt?: number };
    new MutationObserver((_records, observer) => {
      if (w.__readySelector === undefined) w.__readySelector = sessionStorage.getItem('bench-ready') ?? '';
      if (w.__readySelector && document.querySelector(w.__readySelector)) {
        w.__readyAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const open = async (step: string, ready: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      await page.goto(`${origin}/#/`);
      await page.evaluate((selector) => sessionStorage.setItem('bench-ready', selector), ready);
      await page.goto('about:blank');
      await page.goto(`${origin}/#/hearing/${hearingId}/${step}`);
      // Waits on the page's own mark, checked rarely: Playwright's visibility polling of a
      // 20,000-word element would take the main thread from the page it measures.
      await page.waitForFunction(
        () => (window as unknown as { __readyAt?: number }).__readyAt !== undefined,
        undefined,
        { polling: 100 },
      );
      samples.push(await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt));
      if (process.env.HD_PHASES) {
        console.log(
          JSON.stringify(
            await page.evaluate(() => [
              ...performance.getEntriesByType('navigation').map((e) => {
                const n = e as PerformanceNavigationTiming;
                return { n: 'nav', dcl: Math.round(n.domContentLoadedEventEnd), resp: Math.round(n.responseEnd) };
              }),
              ...performance.getEntriesByType('resource').map((e) => ({
                n: e.name.replace(/^.*\//, '').slice(0, 20),
                s: Math.round(e.startTime),
                e: Math.round((e as PerformanceResourceTiming).responseEnd),
              })),
              ...performance.getEntriesByType('mark').map((e) => ({ n: e.name, s: Math.round(e.startTime) })),
              ...performance.getEntriesByType('paint').map((e) => ({ n: e.name, s: Math.round(e.startTime) })),
              { n: 'ready', s: Math.round((window as unknown as { __readyAt: number }).__readyAt) },
            ]),
          ),
        );
      }
      await sampleHeap();
    }
    return summary(samples);
  };
  // A closed hearing opens as a record (form-engine/ReadOnlyStep): ready when its last row is there.
  if (process.env.HD_PROFILE) {
    await page.goto(`${origin}/#/`);
    await page.evaluate((selector) => sessionStorage.setItem('bench-ready', selector), '[data-field="text"]');
    await page.goto('about:blank');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${origin}/#/hearing/${hearingId}/statement`);
    await page.locator('[data-field="text"]').first().waitFor();
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: {
        nodes: {
          id: number;
          callFrame: { functionName: string; url: string; lineNumber: number };
          hitCount?: number;
        }[];
        samples: number[];
        timeDeltas: number[];
      };
    };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}:${(n.callFrame as { columnNumber?: number }).columnNumber ?? ''}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30)
        .map(([k, v]) => `${v.toFixed(1).padStart(7)} ms ${k}`)
        .join('\n'),
    );
  }
  const openPeople = await open('people', '[data-field="children"] [data-item="19"]');
  const openStatement = await open('statement', '[data-field="text"]');
  for (const step of ['setup', 'rights', 'facts', 'measures', 'referrals']) {
    await page.goto(`${origin}/#/hearing/${hearingId}/${step}`);
    await page.locator('#step-title').waitFor();
    await sampleHeap();
  }
  await browser.close();
  await host.stop();
  return { openPeople, openStatement, maxJsHeapBytes };
}

/** Chromium with one window, the bench officer signed in through the launch address. */
async function officerWindow(url: string) {
  const browser = await launchChromium();
  const page = await (await browser.newContext({ locale: 'fr-BE' })).newPage();
  await page.goto(url);
  await page.locator('#username').fill(OFFICER.username);
  await page.locator('#password').fill(OFFICER.password);
  await page.locator('button[type=submit]').click();
  await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
  return { browser, page };
}

/** From spawning the host process to a login form that accepts typing, with Chromium already running. */
async function measureStartup(dataDir: string): Promise<number[]> {
  const browser = await launchChromium();
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const page = await (await browser.newContext()).newPage();
    const start = performance.now();
    const host = await startHost(dataDir);
    await page.goto(host.url);
    await page.locator('#username').waitFor();
    await page.locator('#username').fill('x');
    samples.push(performance.now() - start);
    await host.stop();
    await page.context().close();
  }
  await browser.close();
  return samples;
}

await main();
