import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract';
import { takeHearing, type Api } from '../helpers/closed-hearing';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import { callApi, createAccount, expectAccessible, firstRun, switchUser, waitForSaved } from './scenario';

/** Invented people and unit. */
const UNIT = 'Brigade Documents (fictive)';
const OFFICER = {
  username: 'doc.officer',
  displayName: 'Olga Fictive',
  password: 'documents officer passphrase',
  role: 'officer' as const,
  serviceNumber: 'SN-12345',
};
const SUPERVISOR = {
  username: 'doc.supervisor',
  displayName: 'Simon Verzonnen',
  password: 'documents supervisor passphrase',
  role: 'supervisor' as const,
};

function apiOfPage(page: Page): Api {
  return async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await callApi(page, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error?.code}`);
    return result.value as ChannelOutput<C>;
  };
}

describe('the documents of a hearing, in the browser host', () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  let hearingId: string;
  let reference: string;

  beforeAll(async () => {
    browser = await launchChromium();
    host = await startHost(tempDir('hd-documents-ui-'));
    page = await (
      await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    ).newPage();
    await page.goto(host.url);
    await firstRun(page);
    const unitId = (await callApi(page, 'units.save', { name: UNIT })).value!.unit.id;
    for (const who of [OFFICER, SUPERVISOR]) await createAccount(page, { ...who, unitId });
    await switchUser(page, OFFICER);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    hearingId = await takeHearing(apiOfPage(page), { victimLanguage: 'ar' });
    reference = (await callApi(page, 'hearings.load', { hearingId })).value!.hearing.reference;
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it("lists her translation request among the officer's follow-ups", async () => {
    await page.reload();
    const followUps = page.getByRole('region', { name: 'Traductions à envoyer' });
    await followUps.getByRole('link', { name: reference }).waitFor();
    await expectAccessible(page, 'my hearings with follow-ups');
  });

  it('prints her copy from the closed hearing, archives it and opens the PDF as printed', async () => {
    await page.goto(`${new URL(host.url).origin}/#/hearing/${hearingId}/documents`);
    const panel = page.getByRole('region', { name: 'Documents', exact: true });
    await panel.getByText('avec la langue de la procédure (Français)').waitFor();
    await panel.getByText("La traduction n'a pas été relue").waitFor();
    await expectAccessible(page, 'documents step');
    await panel.getByRole('button', { name: 'PDF : Sa copie', exact: true }).click();
    const status = panel.getByRole('status').filter({ hasText: 'SHA-256' });
    await status.waitFor();
    const sha256 = /([0-9a-f]{64})/.exec((await status.textContent()) ?? '')![1]!;
    const archive = panel.getByRole('table');
    await archive.getByRole('cell', { name: sha256 }).waitFor();
    // The PDF the page received is the one archived: same bytes, same SHA-256.
    expect(await panel.getByRole('link', { name: 'Ouvrir : Sa copie (PDF)' }).getAttribute('href')).toMatch(/^blob:/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('link', { name: 'Télécharger' }).click(),
    ]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    await expectAccessible(page, 'documents step after printing');
    // For people to look at: the step as the officer sees it after printing.
    await page.screenshot({ path: path.join(os.tmpdir(), 'hd-documents-step.png'), fullPage: true });
  });

  it('lets the supervisor print the risk report, not her copy', async () => {
    await switchUser(page, SUPERVISOR);
    // Her unit's translation requests, with the officer, in the supervisor's queue.
    await page.goto(`${new URL(host.url).origin}/#/queue`);
    const followUps = page.getByRole('region', { name: 'Traductions à envoyer' });
    await followUps.getByRole('row').filter({ hasText: reference }).filter({ hasText: OFFICER.displayName }).waitFor();
    await page.goto(`${new URL(host.url).origin}/#/hearing/${hearingId}/documents`);
    const panel = page.getByRole('region', { name: 'Documents', exact: true });
    await panel.getByRole('button', { name: 'PDF : Rapport de risque' }).click();
    await panel.getByRole('status').filter({ hasText: 'SHA-256' }).waitFor();
    expect(await panel.getByRole('button', { name: 'PDF : Sa copie', exact: true }).count()).toBe(0);
    await panel.getByText("Seule la personne qui a mené l'audition peut l'imprimer.").first().waitFor();
    // Her copy, printed by the officer, is in the archive the supervisor reads.
    expect(await panel.getByRole('table').getByRole('row').count()).toBe(3);
    await expectAccessible(page, 'documents step, supervisor');
  });

  it('records the translation as sent, which ends the follow-up', async () => {
    await switchUser(page, OFFICER);
    await page.goto(`${new URL(host.url).origin}/#/hearing/${hearingId}/documents`);
    await page.getByLabel('Traduction envoyée le').fill('2026-11-24');
    await page.getByLabel('Traduction envoyée le').blur();
    await waitForSaved(page);
    await page.goto(`${new URL(host.url).origin}/#/`);
    await page.reload();
    await page.getByRole('link', { name: reference }).first().waitFor();
    expect(await page.getByRole('region', { name: 'Traductions à envoyer' }).count()).toBe(0);
  });
});
