import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { callApi } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account } from './pages/accounts';

/** Invented people and unit. */
const UNIT = 'Brigade Ouest (fictive)';
const OFFICER = account('officer', 'w.officer', 'Wendy Fictive');
const MiB = 1024 * 1024;

/** A small real PNG (a 32×16 gradient), so the screenshot is what an officer would import. */
function png(width = 32, height = 16): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([x * 8, y * 16, 160], y * (1 + width * 3) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const sha256sum = (file: string) => execFileSync('sha256sum', [file]).toString().split(/\s+/)[0]!;

describe('the evidence register in the digital-violence step', () => {
  const app = useBrowserHost({ name: 'evidence-host', units: [UNIT], users: [OFFICER], newHearing: true });
  let files: string;
  let screenshot: string;
  let export10: string;

  beforeAll(() => {
    files = tempDir('hd-evidence-upload-');
    screenshot = path.join(files, 'capture-whatsapp.png');
    fs.writeFileSync(screenshot, png());
    export10 = path.join(files, 'whatsapp-export.zip');
    fs.writeFileSync(export10, randomBytes(10 * MiB));
  });
  afterAll(() => {
    for (const dir of [files, app.dataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const panel = () => app.page.locator('section.evidence-panel');
  const form = () => app.page.locator('form.evidence-form');

  it('shows the register, its manifest hash and the don’ts in the digital-violence step', async () => {
    await app.goto(`hearing/${app.hearingId}/digital`);
    await panel().getByRole('heading', { name: 'Registre des preuves' }).waitFor();
    await panel().getByText("Aucune preuve enregistrée pour l'instant.").waitFor();
    expect(await panel().getByText('À ne pas faire').count()).toBe(1);
    expect(await panel().locator('.manifest-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await expectAccessible(app.page, 'evidence register, empty');
  });

  it('imports a screenshot and a 10 MB export through the UI, each with the SHA-256 sha256sum gives', async () => {
    const emptyManifest = await panel().locator('.manifest-hash').textContent();
    await panel().getByRole('button', { name: 'Ajouter un élément de preuve' }).click();
    await form().getByLabel('Type').selectOption('screenshot');
    await form()
      .getByLabel('Description')
      .fill('Message WhatsApp menaçant de publier des photos intimes si elle ne revient pas (fictif)');
    await form().getByLabel('Plateforme ou service').fill('WhatsApp');
    await form().getByLabel('Identifiants des comptes').fill('+32 470 00 00 00 (fictif)');
    await form().getByLabel("Date et heure des faits, telles qu'affichées").fill('2 mars 2026 21:14');
    await form().getByLabel('Fuseau horaire affiché').fill('CET');
    await form().getByLabel('Méthode de capture').fill('Capture d’écran Android');
    await form().getByLabel("Où se trouve l'original").fill('Son téléphone, galerie');
    await form().getByLabel('Questions liées').fill('g5.2');
    await form().getByLabel('Fichiers de cet élément').setInputFiles(screenshot);
    await expectAccessible(app.page, 'evidence form');
    await form().getByRole('button', { name: "Enregistrer l'élément" }).click();

    const first = app.page.locator('[data-evidence-item="EV-0001"]');
    await first.locator('code.sha256').waitFor();
    expect(await first.locator('code.sha256').textContent()).toBe(sha256sum(screenshot));
    expect(await first.textContent()).toContain('G5.2');

    await panel().getByRole('button', { name: 'Ajouter un élément de preuve' }).click();
    await form().getByLabel('Type').selectOption('export');
    await form().getByLabel('Description').fill('Export complet de la conversation WhatsApp (fictif)');
    await form().getByLabel('Méthode de capture').fill('WhatsApp « Exporter la discussion »');
    await form().getByLabel('Fichiers de cet élément').setInputFiles(export10);
    await form().getByRole('button', { name: "Enregistrer l'élément" }).click();
    const second = app.page.locator('[data-evidence-item="EV-0002"]');
    await second.locator('code.sha256').waitFor({ timeout: 60_000 });
    expect(await second.locator('code.sha256').textContent()).toBe(sha256sum(export10));
    expect(await second.locator('.file-size').textContent()).toMatch(
      /10[\s\u202f\u00a0]Mo \(10[\s\u202f\u00a0]485[\s\u202f\u00a0]760 octets\)/,
    );

    // The manifest hash on screen is main's, and it changed with the two items.
    const shown = await panel().locator('.manifest-hash').textContent();
    expect(shown).not.toBe(emptyManifest);
    const listed = await callApi(app.page, 'evidence.list', { hearingId: app.hearingId });
    expect((listed.value!['manifest'] as { sha256: string }).sha256).toBe(shown);
    expect(await app.page.locator('[data-manifest-sha256]').getAttribute('data-manifest-sha256')).toBe(shown);

    await second.getByRole('button', { name: 'Vérifier whatsapp-export.zip' }).click();
    await second.getByText("Intact : même SHA-256 qu'à l'import.").waitFor();
    await expectAccessible(app.page, 'evidence register with files');
    if (process.env.HD_SCREENSHOT_DIR)
      await panel().screenshot({ path: path.join(process.env.HD_SCREENSHOT_DIR, 'evidence-panel.png') });
  });

  it('takes a URL and a description only for images of a minor, and says why', async () => {
    await panel().getByRole('button', { name: 'Ajouter un élément de preuve' }).click();
    expect(await form().getByLabel('Fichiers de cet élément').count()).toBe(1);
    await form().getByLabel("Images intimes d'un·e mineur·e").check();
    await form()
      .getByText(/ne sont jamais conservées, même comme preuve/)
      .waitFor();
    expect(await form().getByLabel('Fichiers de cet élément').count()).toBe(0);
    await form().getByLabel('Type').selectOption('url');
    await form().getByLabel('Description').fill('Photo intime d’une mineure publiée sur un forum (fictif)');
    await form().getByLabel('Adresse complète (URL)').fill('forum.example.invalid/post/1');
    await form().getByRole('button', { name: "Enregistrer l'élément" }).click();
    await form().getByText("Indiquez l'adresse complète, commençant par https:// ou http://.").waitFor();
    await form().getByLabel('Adresse complète (URL)').fill('https://forum.example.invalid/post/1');
    await expectAccessible(app.page, 'evidence form, minor');
    if (process.env.HD_SCREENSHOT_DIR)
      await form().screenshot({ path: path.join(process.env.HD_SCREENSHOT_DIR, 'evidence-form-minor.png') });
    await form().getByRole('button', { name: "Enregistrer l'élément" }).click();
    const third = app.page.locator('[data-evidence-item="EV-0003"]');
    await third.getByText("Images d'un·e mineur·e : adresse et description uniquement").waitFor();
    expect(await third.locator('input[type=file]').count()).toBe(0);
  });

  it('corrects an item without touching what was not changed', async () => {
    const before = (await callApi(app.page, 'evidence.list', { hearingId: app.hearingId })).value!['items'] as {
      capturedAt: number;
      platform: string;
      revision: number;
    }[];
    const manifest = await panel().locator('.manifest-hash').textContent();
    const first = app.page.locator('[data-evidence-item="EV-0001"]');
    await first.getByRole('button', { name: 'Corriger EV-0001' }).click();
    await form().getByLabel('Plateforme ou service').fill('WhatsApp Business');
    await form().getByRole('button', { name: 'Enregistrer la correction' }).click();
    await first.getByText('WhatsApp Business').waitFor();
    const after = (await callApi(app.page, 'evidence.list', { hearingId: app.hearingId })).value![
      'items'
    ] as typeof before;
    expect(after[0]).toMatchObject({
      capturedAt: before[0]!.capturedAt,
      platform: 'WhatsApp Business',
      revision: before[0]!.revision + 1,
    });
    expect(await panel().locator('.manifest-hash').textContent()).not.toBe(manifest);
  });

  it('says clearly why an import failed, and records hand-overs', async () => {
    const first = app.page.locator('[data-evidence-item="EV-0001"]');
    // Main's answer when the disk is full, as the upload would receive it.
    await app.page.route('**/api/evidence/upload**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'DISK_FULL', message: 'full' } }),
      }),
    );
    await first.getByLabel('Fichiers à ajouter à EV-0001').setInputFiles(screenshot);
    await first.getByRole('button', { name: 'Importer les fichiers choisis' }).click();
    await first
      .getByRole('alert')
      .getByText("Espace disque insuffisant pour ce fichier. Rien n'a été importé")
      .waitFor();
    await app.page.unroute('**/api/evidence/upload**');
    expect(await first.locator('code.sha256').count()).toBe(1);

    const second = app.page.locator('[data-evidence-item="EV-0002"]');
    await second.getByRole('button', { name: 'Enregistrer une remise de EV-0002' }).click();
    await second.getByLabel('Remis à').fill('RCCU Liège, inspecteur fictif');
    await second.getByLabel('Support').fill('Clé USB scellée');
    await second.getByLabel('Remarque (numéro de scellé, référence)').fill('Scellé n° 0001 (fictif)');
    // When: typed dd/mm/yyyy hh:mm like every date; a day that does not exist is refused beside it.
    const when = second.getByLabel('Quand', { exact: true });
    expect(await when.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await when.fill('31/04/2026 10:15');
    await second.getByRole('button', { name: 'Enregistrer la remise' }).click();
    expect(await when.getAttribute('aria-invalid')).toBe('true');
    await when.fill('24/11/2026 10:15');
    await expectAccessible(app.page, 'custody form');
    if (process.env.HD_SCREENSHOT_DIR)
      await app.page.screenshot({
        path: path.join(process.env.HD_SCREENSHOT_DIR, 'evidence-custody.png'),
        fullPage: false,
      });
    await second.getByRole('button', { name: 'Enregistrer la remise' }).click();
    await second.getByText(/remis à RCCU Liège, inspecteur fictif \(Clé USB scellée\)/).waitFor();
    expect(await second.getByText(/remis à RCCU Liège/).textContent()).toContain('10:15');
  });
});
