import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeHearing } from '../helpers/complete-hearing';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account, switchUser } from './pages/accounts';
import { fillDate, waitForSaved } from './pages/hearing';

/** Invented people and unit. */
const UNIT = 'Brigade Documents (fictive)';
const OFFICER = account('officer', 'doc.officer', 'Olga Fictive', { serviceNumber: 'SN-12345' });
const SUPERVISOR = account('supervisor', 'doc.supervisor', 'Simon Verzonnen');

describe('the documents of a hearing, in the browser host', () => {
  const app = useBrowserHost({
    name: 'documents-ui',
    context: { acceptDownloads: true },
    units: [UNIT],
    users: [OFFICER, SUPERVISOR],
  });
  let hearingId: string;
  let reference: string;

  beforeAll(async () => {
    hearingId = await completeHearing({ setup: { victimLanguage: 'ar' } }).take(app.api);
    reference = (await app.api('hearings.load', { hearingId })).hearing.reference;
  });

  /** The to-do list on the screen shown, its items revealed if room mode holds them (none: its empty line). */
  async function revealedFollowUps() {
    const followUps = app.page.getByRole('region', { name: 'À faire' });
    const reveal = followUps.getByRole('button', { name: /Afficher ce qui est à faire/ });
    await reveal.or(followUps.getByText('Rien à suivre pour le moment.')).waitFor();
    if ((await reveal.count()) > 0) {
      await reveal.click();
      await followUps.getByRole('table').waitFor();
    }
    return followUps;
  }

  it("lists her translation request among the officer's follow-ups", async () => {
    await app.page.reload();
    const followUps = await revealedFollowUps();
    await followUps.locator('tr[data-kind="translationDue"]').getByRole('link', { name: reference }).waitFor();
    await expectAccessible(app.page, 'my hearings with follow-ups');
  });

  it('prints her copy from the closed hearing, archives it and opens the PDF as printed', async () => {
    await app.goto(`hearing/${hearingId}/documents`);
    const panel = app.page.getByRole('region', { name: 'Documents', exact: true });
    await panel.getByText('avec la langue de la procédure (Français)').waitFor();
    await panel.getByText("La traduction n'a pas été relue").waitFor();
    await expectAccessible(app.page, 'documents step');
    await panel.getByRole('button', { name: 'PDF : Sa copie', exact: true }).click();
    const status = panel.getByRole('status').filter({ hasText: 'SHA-256' });
    await status.waitFor();
    const sha256 = /([0-9a-f]{64})/.exec((await status.textContent()) ?? '')![1]!;
    const archive = panel.getByRole('table');
    await archive.getByRole('cell', { name: sha256 }).waitFor();
    // The PDF the page received is the one archived: same bytes, same SHA-256.
    expect(await panel.getByRole('link', { name: 'Ouvrir : Sa copie (PDF)' }).getAttribute('href')).toMatch(/^blob:/);
    const [download] = await Promise.all([
      app.page.waitForEvent('download'),
      panel.getByRole('link', { name: 'Télécharger' }).click(),
    ]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    await expectAccessible(app.page, 'documents step after printing');
    // For people to look at: the step as the officer sees it after printing.
    await app.page.screenshot({ path: path.join(os.tmpdir(), 'hd-documents-step.png'), fullPage: true });
  });

  it('lets the supervisor print the risk report, not her copy', async () => {
    await switchUser(app.page, SUPERVISOR);
    // Her unit's translation requests, with the officer, in the supervisor's queue.
    await app.goto('queue');
    const followUps = await revealedFollowUps();
    await followUps
      .locator('tr[data-kind="translationDue"]')
      .filter({ hasText: reference })
      .filter({ hasText: OFFICER.displayName })
      .waitFor();
    await app.goto(`hearing/${hearingId}/documents`);
    const panel = app.page.getByRole('region', { name: 'Documents', exact: true });
    await panel.getByRole('button', { name: 'PDF : Rapport de risque' }).click();
    await panel.getByRole('status').filter({ hasText: 'SHA-256' }).waitFor();
    expect(await panel.getByRole('button', { name: 'PDF : Sa copie', exact: true }).count()).toBe(0);
    await panel.getByText("Seule la personne qui a mené l'audition peut l'imprimer.").first().waitFor();
    // Her copy, printed by the officer, is in the archive the supervisor reads.
    expect(await panel.getByRole('table').getByRole('row').count()).toBe(3);
    await expectAccessible(app.page, 'documents step, supervisor');
  });

  it('records the translation as sent, which ends the follow-up', async () => {
    await switchUser(app.page, OFFICER);
    await app.goto(`hearing/${hearingId}/documents`);
    await fillDate(app.page.getByLabel('Traduction envoyée le'), '2026-11-24');
    await app.page.getByLabel('Traduction envoyée le').blur();
    await waitForSaved(app.page);
    await app.goto('');
    await app.page.reload();
    await app.page.getByRole('link', { name: reference }).first().waitFor();
    const followUps = await revealedFollowUps();
    expect(await followUps.locator('tr[data-kind="translationDue"]').count()).toBe(0);
  });
});
