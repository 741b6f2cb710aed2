import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, makeV1Apk } from '../fakes/adb/make-apk';
import { stalkerwarePhone } from '../fakes/adb/phones';
import { startFakeAdbServer, type FakeAdbServer } from '../fakes/adb/server';
import { tempDir } from '../helpers/temp-core';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { callApi } from './api';
import { account, signIn } from './pages/accounts';
import { DigitalStep } from './pages/digital-step';
import { HearingPage } from './pages/hearing';
import { PhoneCheck } from './pages/phone-check';
import { RiskStep } from './pages/risk-step';

/** Invented people; the phone is the fake adb server's (test/fakes/adb), its outputs of our own making. */
const OFFICER = account('officer', 'p.officer', 'Pascale Fictive');
const SHOTS = process.env.PHONE_CHECK_SCREENSHOTS;

/** Filled in before the host starts: the fake adb server's port (the host reads config.json at start). */
const config = { adbServer: { host: '127.0.0.1', port: 1 } };
let adb: FakeAdbServer;
let work: string;

beforeAll(async () => {
  work = tempDir('hd-phone-browser-');
  const apk = makeV1Apk(
    path.join(work, 'apk'),
    makeCertificate(path.join(work, 'cert'), 'Invented'),
    'com.systemservice',
  );
  adb = await startFakeAdbServer([stalkerwarePhone(apk)]);
  config.adbServer.port = adb.port;
});
afterAll(async () => {
  await adb.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the phone check, from her consent to the evidence item, the report and R11', () => {
  const app = useBrowserHost({
    name: 'phone-check',
    context: { viewport: { width: 1366, height: 768 } },
    config,
    units: ['Brigade fictive'],
    users: [OFFICER],
    newHearing: true,
  });
  const shot = async (name: string) => {
    if (SHOTS) await app.page.screenshot({ path: path.join(SHOTS, `phone-check-${name}.png`) });
  };

  it('suggests the check when G2.1 is yes, scans the phone read-only and keeps the result as evidence', async () => {
    const page = app.page;
    const check = new PhoneCheck(page);
    await new DigitalStep(page).answer({ 'G2.1': 'yes', 'G9.3': 'no' });
    await check.section().scrollIntoViewIfNeeded();
    expect(await check.section().locator('[data-suggested]').textContent()).toContain('G2.1');
    await shot('1-entry');
    await expectAccessible(page, 'phone check offered');

    await check.startAndroid();
    // Nothing starts without all four points of her consent.
    await check.flow().getByRole('button', { name: 'Enregistrer son consentement' }).click();
    expect(await check.flow().locator('.field-error').count()).toBe(4);
    await check.flow().scrollIntoViewIfNeeded();
    await shot('2-consent');
    await expectAccessible(page, 'phone check consent');
    await check.consent();
    await shot('3-guide');
    await expectAccessible(page, 'phone check guide');

    await check.startScan();
    await check.findings().waitFor({ timeout: 60_000 });
    expect(await check.findings().getAttribute('data-phone-level')).toBe('high');
    const text = (await check.flow().textContent()) ?? '';
    expect(text).toContain('Un logiciel espion connu est installé.');
    expect(text).toContain('com.systemservice');
    expect(text).toContain('Ne désinstallez et ne réinitialisez rien');
    expect(await page.locator('[data-risk-fed="true"]').count()).toBe(1);
    const label = (await page.locator('[data-evidence]').getAttribute('data-evidence'))!;
    expect(label).toMatch(/^EV-\d{4}$/);
    await page.locator('[data-phone-level]').scrollIntoViewIfNeeded();
    await shot('4-findings');
    await expectAccessible(page, 'phone check findings');

    // The report: printed, archived with its SHA-256, read back from the PDF.
    await check.flow().getByRole('button', { name: 'Imprimer le rapport' }).click();
    const printed = page.locator('[data-report-sha256]');
    await printed.waitFor({ timeout: 60_000 });
    const sha256 = (await printed.getAttribute('data-report-sha256'))!;
    const hearingId = new HearingPage(page).id();
    const archived = (await app.api('documents.list', { hearingId })).documents.find(
      (d) => d.kind === 'phoneCheckReport',
    )!;
    expect(archived.sha256).toBe(sha256);
    const pdf = Buffer.from((await app.api('documents.download', { documentId: archived.id })).pdfBase64, 'base64');
    const file = path.join(app.dataDir, 'phone-check-report.pdf');
    fs.writeFileSync(file, pdf);
    const report = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Rapport de vérification du téléphone',
      label,
      'Un logiciel espion connu est installé.',
      'TheTruthSpy',
      'Ce que cette vérification ne montre pas',
      'Conseils de sécurité',
      'Commandes exécutées',
      'a04c5c1958bff93fec3b1b56edbb412b209f2a38',
      'CC BY 4.0',
    ])
      expect(report, expected).toContain(expected);

    await check.flow().getByRole('button', { name: 'Suite : le guide de clôture' }).click();
    await check.atStep('closing');
    await check.flow().scrollIntoViewIfNeeded();
    await shot('5-closing');
    await expectAccessible(page, 'phone check closing guide');
    for (const box of await check.flow().locator('input[type=checkbox]').all()) await box.check();
    await check.flow().getByRole('button', { name: 'Confirmer et clôturer la vérification' }).click();
    await check.atStep('done');

    // The evidence item with its files and hashes, in the register.
    const item = (await app.api('evidence.list', { hearingId })).items.find((i) => i.label === label)!;
    expect(item.files.map((f) => f.originalName).sort()).toEqual([
      'phone-check-closing.json',
      'phone-check-raw-outputs.json',
      'phone-check-report.json',
    ]);
    // Every request the fake phone saw passed the §D5 allow-list (the server fails anything else).
    expect(adb.unexpected).toEqual([]);

    // R11 on the risk step: the device check set by the phone check, the signal in the result.
    // Back in the step, the hearing has read main's new answer: no reload of the page.
    await check.flow().getByRole('button', { name: "Retour à l'étape violences numériques" }).click();
    await check.flow().waitFor({ state: 'detached' });
    await new RiskStep(page).answer();
    expect(await page.locator('input[name="deviceCheck"][value="yes"]').isChecked()).toBe(true);
    const result = new RiskStep(page).result();
    await result.locator('[data-signal="R11"]').waitFor();
    // What fed it, in words: a fact, not a prompt id.
    expect(await result.locator('[data-signal="R11"]').innerText()).toContain(
      '(vérification du téléphone : signe élevé)',
    );
    // And in the rule that raised the level, beside the prompt: no empty brackets anywhere.
    expect(await result.locator('[data-rule="signal"]').innerText()).toContain(
      '(G2.1, vérification du téléphone : signe élevé)',
    );
    expect(await result.innerText()).not.toMatch(/\(\s*\)/);
    expect(await result.locator('[data-flag="preserveDeviceEvidence"]').count()).toBe(1);
    await result.locator('[data-signal="R11"]').scrollIntoViewIfNeeded();
    await shot('6-risk-r11');
  });

  it('records the iPhone checklist, each step answered', async () => {
    const page = app.page;
    const check = new PhoneCheck(page);
    await new HearingPage(page).open('digital', 'g02');
    await check.section().getByRole('button', { name: 'Liste de contrôle iPhone' }).click();
    const form = check.section().locator('form');
    await form.getByRole('button', { name: 'Enregistrer la liste de contrôle' }).click();
    expect(await form.locator('.field-error').count()).toBe(7);
    for (const step of await form.locator('[data-iphone-step]').all())
      await step.locator('input[type=radio][value="nothingFound"]').check();
    await form.locator('[data-iphone-step="find-my"] input[value="found"]').check();
    await form
      .locator('[data-iphone-step="find-my"] input[type=text]')
      .fill('Son ex-compagnon voit sa position (fictif)');
    await form.scrollIntoViewIfNeeded();
    await shot('7-iphone');
    await expectAccessible(page, 'iPhone checklist');
    await form.getByRole('button', { name: 'Enregistrer la liste de contrôle' }).click();
    const saved = page.locator('[data-iphone-saved]');
    await saved.waitFor();
    expect(await saved.getAttribute('data-iphone-saved')).toMatch(/^EV-\d{4}$/);
  });
});

describe('the stalkerware list, for the administrator', () => {
  const app = useBrowserHost({
    name: 'phone-check-admin',
    context: { viewport: { width: 1366, height: 768 } },
    signInAs: null,
    users: [OFFICER],
    units: ['Brigade fictive'],
  });

  it('shows the list in use with its Echap version, from the administrator’s navigation only', async () => {
    const page = app.page;
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Logiciels espions', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Vérification du téléphone : la liste des logiciels espions' })
      .waitFor();
    const shipped = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, '../../assets/stalkerware-indicators/manifest.json'), 'utf8'),
    ) as { commit: string };
    await page.getByText(`version Echap ${shipped.commit.slice(0, 12)}`).waitFor();
    await page.getByText("livrée avec l'application", { exact: false }).first().waitFor();
    await expectAccessible(page, 'stalkerware list');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'phone-check-8-admin-indicators.png') });
    // Not the officer's: no link, and main refuses her the channel.
    const officer = await app.newPage();
    await officer.goto(app.origin);
    await officer.getByRole('heading', { name: 'Connexion' }).waitFor();
    await signIn(officer, OFFICER);
    await officer.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    expect(await officer.getByRole('link', { name: 'Logiciels espions' }).count()).toBe(0);
    expect((await callApi(officer, 'phoneCheck.indicators', {})).error?.code).toBe('FORBIDDEN');
  });
});
