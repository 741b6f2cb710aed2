import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_LEVELS, INDICATOR_BUNDLE_FILES, PHONE_FINDING_CODES } from '../../../domain/phone-check';
import type { ChannelOutput } from '../../../src-main/api/contract';
import type { DocumentOutput } from '../../../src-main/documents/output';
import { DEVICE_CHECK_FIELD_ID } from '../../../forms/risk/risk-form';
import { RISK_VERSION } from '../../helpers/risk-answers';
import { apiOf, completeHearing } from '../../helpers/complete-hearing';
import {
  ASSETS,
  openTestCore,
  PEOPLE,
  seedAccounts,
  snapshotRecords,
  tempDir,
  type TestCore,
} from '../../helpers/temp-core';
import { makeV1Apk, makeCertificate } from '../../fakes/adb/make-apk';
import type { FakePhone } from '../../fakes/adb/phone';
import { cleanPhone, stalkerwarePhone } from '../../fakes/adb/phones';
import { startFakeAdbServer, type FakeAdbServer, type FakeAdbServerOptions } from '../../fakes/adb/server';

/** The PDF stand-in: the page's HTML as bytes (the text checks read it; Chromium is the browser test's). */
const htmlOutput: DocumentOutput = { toPdf: (html) => Promise.resolve(Buffer.from(`%PDF-1.7 ${html}`)) };

let work: string;
let stalkerApk: Buffer;
let server: FakeAdbServer | null = null;
let t: TestCore | null = null;

beforeAll(() => {
  work = tempDir('hd-phone-service-');
  stalkerApk = makeV1Apk(
    path.join(work, 'apk'),
    makeCertificate(path.join(work, 'cert'), 'Invented'),
    'com.systemservice',
  );
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
afterEach(async () => {
  await t?.close();
  t = null;
  await server?.close();
  server = null;
});

/** A free loopback port with nothing listening on it: no adb server. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function setUp(phones: FakePhone[] | null, options: FakeAdbServerOptions = {}) {
  server = phones ? await startFakeAdbServer(phones, options) : null;
  const port = server?.port ?? (await deadPort());
  t = await openTestCore({ config: { adbServer: { host: '127.0.0.1', port } }, documentOutput: htmlOutput });
  await seedAccounts(t, true);
  const api = apiOf(t);
  const hearingId = await completeHearing({ setup: { procedureLanguage: 'fr' } }).take(api, { until: 'answered' });
  return { t, api, hearingId };
}

type Check = ChannelOutput<'phoneCheck.progress'>['check'];

async function runToEnd(core: TestCore, hearingId: string, client = 'officer-window'): Promise<Check> {
  const { check } = await core.ok(client, 'phoneCheck.recordConsent', {
    hearingId,
    phoneOf: 'victim',
    consent: { whatIsRead: true, nothingChanged: true, removalRisk: true, whatGoesInFile: true },
  });
  await core.ok(client, 'phoneCheck.startScan', { checkId: check.id });
  for (let i = 0; i < 400; i++) {
    const { check: now } = await core.ok(client, 'phoneCheck.progress', { checkId: check.id });
    if (now.status === 'done' || now.status === 'failed') return now;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('The scan did not end');
}

async function evidenceRows(core: TestCore) {
  return await core.sql('SELECT * FROM evidence_items');
}

describe('the phone check service', () => {
  it('keeps every finding code in the API with its level', () => {
    expect([...PHONE_FINDING_CODES].sort()).toEqual(Object.keys(FINDING_LEVELS).sort());
  });

  it('scans with her consent, stores an encrypted evidence item, feeds R11, closes and prints the report', async () => {
    const { t: core, api, hearingId } = await setUp([stalkerwarePhone(stalkerApk)]);
    const before = (await api('risk.history', { hearingId })).assessments[0]!.result;
    const check = await runToEnd(core, hearingId);
    expect(check.failure).toBeNull();
    expect(check.status).toBe('done');
    const result = check.result!;
    expect(result.level).toBe('high');
    expect(result.findings.map((f) => f.code)).toContain('stalkerware-package');
    expect(result.evidenceLabel).toMatch(/^EV-\d{4}$/);
    expect(result.riskFed).toBe(true);
    expect(result.driftSeconds).not.toBeNull();

    // The evidence item: a device, two sealed files whose hashes the check reported.
    const register = await api('evidence.list', { hearingId });
    const item = register.items.find((i) => i.id === result.evidenceItemId)!;
    expect(item).toMatchObject({ type: 'device', label: result.evidenceLabel, platform: 'Android' });
    expect(item.description).toContain('Élevé');
    const file = (name: string) => item.files.find((f) => f.originalName === name);
    expect(item.files).toHaveLength(2);
    expect(file('phone-check-report.json')!.sha256).toBe(result.reportSha256);
    expect(file('phone-check-raw-outputs.json')!.sha256).toBe(result.rawOutputsSha256);
    for (const f of item.files)
      expect(await api('evidence.verifyFile', { hearingId, fileId: f.id })).toMatchObject({ ok: true });
    // Encrypted at rest: the package name is nowhere in the evidence folder's bytes.
    for (const name of fs.readdirSync(path.join(core.dir, 'evidence')))
      expect(fs.readFileSync(path.join(core.dir, 'evidence', name)).includes('com.systemservice')).toBe(false);

    // Decrypted, the report holds the consent, every command with its hash, the bundle's commit and hashes, the drift.
    const row = (
      await core.sql("SELECT * FROM evidence_files WHERE item_id = ? AND original_name = 'phone-check-report.json'", [
        item.id,
      ])
    )[0] as { stored_name: string; iv: string; auth_tag: string };
    const chunks: Buffer[] = [];
    for await (const c of core.core.evidenceStore.openReader({
      storedName: row.stored_name,
      iv: row.iv,
      authTag: row.auth_tag,
    }))
      chunks.push(c as Buffer);
    const stored = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    expect(stored.consent).toMatchObject({ phoneOf: 'victim', recordedBy: PEOPLE.officer.username });
    expect(Object.keys(stored.consent.points)).toEqual([
      'whatIsRead',
      'nothingChanged',
      'removalRisk',
      'whatGoesInFile',
    ]);
    expect(stored.scan.commands.length).toBe(result.commands);
    expect(stored.scan.commands.every((c: { outputSha256: string | null }) => c.outputSha256 !== undefined)).toBe(true);
    expect(stored.scan.indicators).toMatchObject({ commit: 'a04c5c1958bff93fec3b1b56edbb412b209f2a38' });
    expect(stored.scan.indicators.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.scan.clock.driftSeconds).toBe(result.driftSeconds);
    expect(JSON.stringify(stored)).not.toContain(stalkerwarePhone(stalkerApk).serial);

    // R11: the risk step's device check is yes; the next assessment raises and flags.
    const loaded = await api('hearings.load', { hearingId });
    expect(loaded.answers.find((a) => a.formId === 'risk' && a.fieldId === DEVICE_CHECK_FIELD_ID)?.value).toBe('yes');
    await api('risk.submit', { hearingId, definitionVersion: RISK_VERSION, trigger: 'newIncident' });
    const assessment = (await api('risk.history', { hearingId })).assessments[0]!;
    const r11 = assessment.result.digitalSignals.find((s) => s.id === 'R11');
    expect(r11).toMatchObject({
      effect: 'raiseOne',
      flag: 'preserveDeviceEvidence',
      prompts: [],
      facts: ['deviceCheckHigh'],
    });
    expect(assessment.result.level).toBeGreaterThan(before.level);
    // The risk report says what fed R11, in words in the procedure language, never empty brackets.
    const risk = await api('documents.create', { hearingId, kind: 'riskReport', output: 'pdf' });
    const riskHtml = Buffer.from(risk.pdfBase64!, 'base64').toString('utf8');
    expect(riskHtml).toMatch(/R11 [^;<]+ \(vérification du téléphone : signe élevé\)/);
    expect(riskHtml).not.toContain('()');

    // The closing guide's confirmation: a third sealed file.
    const closed = await core.ok('officer-window', 'phoneCheck.confirmClosing', {
      checkId: check.id,
      usbDebuggingOff: true,
      authorisationRevoked: true,
    });
    expect(closed.check.closedAt).not.toBeNull();
    const files = (await api('evidence.list', { hearingId })).items.find((i) => i.id === item.id)!.files;
    expect(files.map((f) => f.originalName)).toContain('phone-check-closing.json');

    // The report: in the procedure language, archived with its SHA-256, in the documents list.
    const printed = await api('phoneCheck.printReport', { hearingId, itemId: item.id });
    const pdf = Buffer.from(printed.pdfBase64, 'base64');
    expect(printed.document).toMatchObject({ kind: 'phoneCheckReport', language: 'fr', sequence: 1 });
    expect(printed.document.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const html = pdf.toString('utf8');
    expect(html).toContain('Rapport de vérification du téléphone');
    expect(html).toContain(result.evidenceLabel);
    expect(html).toContain('Un logiciel espion connu est installé.');
    expect(html).toContain('Ce que cette vérification ne montre pas');
    expect(html).toContain('CC BY 4.0');
    expect(html).toContain('confirmé le');
    const archive = await api('documents.list', { hearingId });
    expect(archive.documents.map((d) => d.kind)).toContain('phoneCheckReport');
    // The documents panel cannot make it: only the phone check prints it, from its evidence.
    const refused = await core.core.dispatcher.call('officer-window', 'documents.create', {
      hearingId,
      kind: 'phoneCheckReport',
      output: 'pdf',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NOT_APPLICABLE' } });
  });

  it('finds nothing on a clean phone and leaves the risk step as it was', async () => {
    const { t: core, api, hearingId } = await setUp([cleanPhone()]);
    const check = await runToEnd(core, hearingId);
    expect(check.result).toMatchObject({ level: 'none', riskFed: false });
    const loaded = await api('hearings.load', { hearingId });
    expect(loaded.answers.some((a) => a.fieldId === DEVICE_CHECK_FIELD_ID)).toBe(false);
  });

  it.each([
    ['no adb server', null, {}, 'adb-unreachable'],
    [
      'a phone that has not accepted this computer',
      [{ ...cleanPhone(), state: 'unauthorized' as const }],
      {},
      'device-unauthorized',
    ],
    ['no phone', [], {}, 'device-not-found'],
    [
      'a phone unplugged mid-scan',
      [cleanPhone()],
      { unplugAfterShellRequests: { serial: cleanPhone().serial, count: 8 } },
      'device-disconnected',
    ],
  ] as const)('refuses %s with a code, and stores nothing', async (_what, phones, options, failure) => {
    const { t: core, hearingId } = await setUp(phones ? [...phones] : null, options);
    const records = await snapshotRecords(core);
    const check = await runToEnd(core, hearingId);
    expect(check).toMatchObject({ status: 'failed', failure, result: null });
    expect(await snapshotRecords(core)).toEqual(records);
    expect(await evidenceRows(core)).toEqual([]);
    const audit = (await core.sql(
      "SELECT details_json AS d FROM audit_events WHERE action = 'phoneCheck.scan_failed'",
    )) as { d: string }[];
    expect(audit.map((a) => JSON.parse(a.d).failure)).toEqual([failure]);
  });

  it('lets only the hearing owner record, scan and read, and only while the hearing is open', async () => {
    const { t: core, hearingId } = await setUp([cleanPhone()]);
    const other = await core.core.dispatcher.call('other-window', 'phoneCheck.recordConsent', {
      hearingId,
      phoneOf: 'victim',
      consent: { whatIsRead: true, nothingChanged: true, removalRisk: true, whatGoesInFile: true },
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { check } = await core.ok('officer-window', 'phoneCheck.recordConsent', {
      hearingId,
      phoneOf: 'child',
      consent: { whatIsRead: true, nothingChanged: true, removalRisk: true, whatGoesInFile: true },
    });
    for (const channel of ['phoneCheck.progress', 'phoneCheck.startScan'] as const)
      expect(await core.core.dispatcher.call('other-window', channel, { checkId: check.id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    // Consent is all four points or nothing.
    const partial = await core.core.dispatcher.call('officer-window', 'phoneCheck.recordConsent', {
      hearingId,
      phoneOf: 'victim',
      consent: { whatIsRead: true, nothingChanged: true, removalRisk: false, whatGoesInFile: true } as never,
    });
    expect(partial).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // An administrator reaches no hearing channel; a supervisor reads, never records.
    const admin = await core.core.dispatcher.call('admin-window', 'phoneCheck.overview', { hearingId });
    expect(admin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A closed hearing takes no new check.
    const closedId = await completeHearing({ setup: { procedureLanguage: 'fr' } }).take(apiOf(core));
    const closed = await core.core.dispatcher.call('officer-window', 'phoneCheck.recordConsent', {
      hearingId: closedId,
      phoneOf: 'victim',
      consent: { whatIsRead: true, nothingChanged: true, removalRisk: true, whatGoesInFile: true },
    });
    expect(closed).toMatchObject({ ok: false, error: { code: 'HEARING_CLOSED' } });
  });

  it('records the iPhone checklist as an evidence item, every step answered', async () => {
    const { t: core, api, hearingId } = await setUp([]);
    const { iphoneChecklist } = await api('phoneCheck.overview', { hearingId });
    const answers = iphoneChecklist.map((s, i) => ({
      id: s.id,
      answer: i === 0 ? ('found' as const) : ('nothingFound' as const),
      note: i === 0 ? 'Un iPad inconnu partage sa position (fictif)' : '',
    }));
    const missing = await core.core.dispatcher.call('officer-window', 'phoneCheck.recordIphoneChecklist', {
      hearingId,
      phoneOf: 'victim',
      answers: answers.slice(1),
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const saved = await api('phoneCheck.recordIphoneChecklist', { hearingId, phoneOf: 'victim', answers });
    const item = (await api('evidence.list', { hearingId })).items.find((i) => i.id === saved.evidenceItemId)!;
    expect(item).toMatchObject({ platform: 'iOS', label: saved.evidenceLabel });
    expect(item.files[0]).toMatchObject({ originalName: 'iphone-checklist.json', sha256: saved.sha256 });
    expect((await api('phoneCheck.stored', { hearingId })).items.map((i) => i.kind)).toEqual(['iphone']);
  });

  it('imports a newer indicator bundle for the administrator, and refuses one that is not newer', async () => {
    const { t: core } = await setUp([]);
    const files = (dir: string, change: (name: string, text: string) => string = (_n, x) => x) =>
      Object.fromEntries(
        INDICATOR_BUNDLE_FILES.map((name) => [
          name,
          Buffer.from(change(name, fs.readFileSync(path.join(dir, name), 'utf8'))).toString('base64'),
        ]),
      ) as Record<(typeof INDICATOR_BUNDLE_FILES)[number], string>;
    const same = await core.ok('admin-window', 'phoneCheck.importIndicators', { files: files(ASSETS.indicatorsDir!) });
    expect(same).toMatchObject({ imported: false, refusal: { code: 'not-newer' }, indicators: { source: 'shipped' } });
    const newer = files(ASSETS.indicatorsDir!, (name, text) =>
      name === 'manifest.json'
        ? JSON.stringify({ ...JSON.parse(text), commit: '2'.repeat(40), date: '2026-11-30T08:00:00Z' })
        : text,
    );
    const taken = await core.ok('admin-window', 'phoneCheck.importIndicators', { files: newer });
    expect(taken).toMatchObject({
      imported: true,
      refusal: null,
      indicators: { source: 'imported', commit: '2'.repeat(40), available: true },
    });
    const officer = await core.core.dispatcher.call('officer-window', 'phoneCheck.importIndicators', { files: newer });
    expect(officer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
