import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-core';
import { launchChromium, startHost, type RunningHost } from './harness';
import {
  answerDigitalStep,
  answerRiskStep,
  callApi,
  createAccount,
  expectAccessible,
  firstRun,
  switchUser,
} from './scenario';

/** Invented people and units. */
const UNIT_NORTH = 'Brigade Nord (fictive)';
const UNIT_SOUTH = 'Brigade Sud (fictive)';
const OFFICER = {
  username: 'n.officer',
  displayName: 'Nora Fictive',
  password: 'north officer passphrase',
  role: 'officer' as const,
};
const SUPERVISOR = {
  username: 'n.supervisor',
  displayName: 'Sven Verzonnen',
  password: 'north supervisor passphrase',
  role: 'supervisor' as const,
};
const FAR_OFFICER = {
  username: 's.officer',
  displayName: 'Sacha Imaginaire',
  password: 'south officer passphrase',
  role: 'officer' as const,
};
const VICTIM_SURNAME = 'Inventanom';

describe('the Art. 16 risk tool and the supervisor review', () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  let dataDir: string;
  let hearingUrl = '';

  beforeAll(async () => {
    browser = await launchChromium();
    dataDir = tempDir('hd-risk-');
    host = await startHost(dataDir);
    page = await (await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(host.url);
    await firstRun(page);
    // Accounts are created through the administrator's API (the accounts screen has its own test).
    const north = (await callApi(page, 'units.save', { name: UNIT_NORTH })).value!.unit!.id;
    const south = (await callApi(page, 'units.save', { name: UNIT_SOUTH })).value!.unit!.id;
    for (const [who, unitId] of [
      [OFFICER, north],
      [SUPERVISOR, north],
      [FAR_OFFICER, south],
    ] as const) {
      await createAccount(page, { ...who, unitId });
    }
    await switchUser(page, OFFICER);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('strangulation yes and threats to kill unknown: at least HIGH, both named; a lowering below the floor is refused', async () => {
    await page.getByRole('button', { name: 'Nouvelle audition' }).click();
    await page.getByRole('heading', { name: 'Préparation' }).waitFor();
    hearingUrl = page.url();
    await page.locator('nav.steps a[href$="/people"]').click();
    await page.locator('input[name="victimSurname"]').fill(VICTIM_SURNAME);

    await answerDigitalStep(page);
    await answerRiskStep(page, { A3: 'yes', A5: 'unknown' });
    const result = page.locator('.risk-panel > .risk-result');
    expect(Number(await result.getAttribute('data-risk-level'))).toBeGreaterThanOrEqual(3);
    expect(await result.locator('.risk-level').textContent()).toBe('Niveau de risque : 3 HAUT');
    const why = (await result.locator('.risk-reasons').textContent()) ?? '';
    expect(why).toContain('RF1');
    expect(why).toContain('A3');
    expect(await result.textContent()).toMatch(/Réponse inconnue ou refusée : A5 /);
    await expectAccessible(page, 'risk step');

    // Asking to lower below the floor the red flag sets: said at once, and refused by main.
    const judgement = page.getByRole('region', { name: 'Appréciation professionnelle' });
    await judgement.getByLabel("Demander à un·e superviseur·e d'abaisser le niveau").check();
    await judgement.getByLabel('Niveau', { exact: true }).selectOption('2');
    await judgement.getByLabel('Motivation écrite').fill('Elle dit qu’il s’est calmé depuis une semaine.');
    await judgement.getByText(/ne peut jamais descendre sous 3 HAUT/).waitFor();
    await judgement.getByRole('button', { name: "Soumettre l'évaluation" }).click();
    await page
      .getByText(
        "Refusé : le niveau ne peut pas descendre sous le plancher fixé par les signaux d'alerte. Rien n'a été modifié.",
      )
      .waitFor();
    expect(await page.getByText("Aucune évaluation soumise pour l'instant.").count()).toBe(1);

    await judgement.getByLabel("Je suis d'accord avec le niveau").check();
    await judgement.getByRole('button', { name: "Soumettre l'évaluation" }).click();
    await page.locator('[data-assessment="1"]').getByText('en attente de relecture').waitFor();
  });

  it('the supervisor of the unit sees it in the queue without the victim’s name, opens it (audited) and approves', async () => {
    await switchUser(page, SUPERVISOR);
    await page.getByRole('link', { name: 'File de relecture' }).click();
    await page.getByRole('heading', { name: 'File de relecture' }).waitFor();
    const row = page.locator('tr[data-level="3"]');
    expect(await row.textContent()).toContain('RF1');
    expect(await page.locator('main').innerHTML()).not.toContain(VICTIM_SURNAME);
    await expectAccessible(page, 'review queue');

    await row.getByRole('link').click();
    await page.getByText('Vous consultez cette audition en tant que superviseur·e').waitFor();
    const review = page.getByRole('region', { name: 'Relecture par la supervision' });
    await expectAccessible(page, 'risk step, supervisor');
    await review.getByRole('button', { name: 'Approuver' }).click();
    await page.locator('[data-assessment="1"]').getByText('approuvée', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'File de relecture' }).click();
    await page.getByText('Aucune relecture en attente.').waitFor();
  });

  it('an officer of another unit gets an access error, not the data', async () => {
    await switchUser(page, FAR_OFFICER);
    await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    await page.goto(hearingUrl);
    await page.getByText("Vous n'avez pas accès à cet élément.").waitFor();
    expect(await page.content()).not.toContain(VICTIM_SURNAME);
  });

  it('recorded the supervisor’s opening and the refusal in the audit trail', async () => {
    await host.stop();
    const key = fs.readFileSync(path.join(dataDir, 'database-key.dev'), 'utf8').trim();
    const db = new Database(path.join(dataDir, 'hearing-desk.db'), { readonly: true });
    db.pragma(`hexkey='${key}'`);
    const actions = (
      db
        .prepare('SELECT action, details_json AS details FROM audit_events WHERE hearing_id IS NOT NULL ORDER BY seq')
        .all() as { action: string; details: string }[]
    ).map((a) => `${a.action} ${a.details}`);
    db.close();
    expect(actions).toContain('hearing.opened {"asSupervisor":true}');
    expect(actions.filter((a) => a.startsWith('risk.assessed'))).toHaveLength(1);
    expect(actions.some((a) => a.startsWith('risk.reviewed') && a.includes('"decision":"approve"'))).toBe(true);
    expect(actions.at(-1)).toBe('hearing.access_denied {}');
  });
});
