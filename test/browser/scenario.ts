import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiError, Channel, ChannelInput, ChannelOutput } from '../../src-main/api/contract';

/** Invented people; the same in every host. */
export const ADMIN = { username: 'admin.zone', displayName: 'Alex Admin', password: 'admin passphrase 2026' };
export const OFFICER = { username: 'i.fictive', displayName: 'Inès Fictive', password: 'officer passphrase 2026' };
/** What the administrator gives her; her first sign-in replaces it with OFFICER.password. */
const OFFICER_TEMPORARY = 'temporary officer passphrase';
/** Officers and supervisors belong to a unit; the scenarios put them in this one. */
export const UNIT = 'Unité Fictive A';

export const TYPED = {
  interpreterReference: 'Interprète juré n° 4711 (Arabe)',
  supportPerson: 'Samira, amie — « personne de confiance »',
  victimWishes:
    "Elle ne veut pas que ses enfants l'entendent.\nElle préfère être appelée sur le numéro de sa sœur : 0470 12 34 56.",
};

/** No accessibility violations on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // In Electron axe cannot open its helper page; its legacy mode runs inside the page itself.
  const inElectron = page.context().browser() === null;
  const results = await new AxeBuilder({ page }).setLegacyMode(inElectron).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, screen).toEqual([]);
}

export async function firstRun(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Créer le premier administrateur' }).waitFor();
  await expectAccessible(page, 'first run');
  await page.getByLabel("Nom d'utilisateur").fill(ADMIN.username);
  await page.getByLabel('Nom complet').fill(ADMIN.displayName);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Répétez le mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
  await page.getByRole('heading', { name: 'Comptes' }).waitFor();
}

/** On the accounts page: creates the unit unless it is already listed. */
export async function ensureUnit(page: Page, name = UNIT): Promise<void> {
  // The accounts and the units arrive together: once the administrator's own row is shown, both are.
  await page.getByRole('row').filter({ hasText: ADMIN.username }).first().waitFor();
  const units = page.getByRole('region', { name: 'Unités' });
  if ((await units.getByRole('cell', { name, exact: true }).count()) > 0) return;
  await page.getByLabel('Nouvelle unité', { exact: true }).fill(name);
  await page.getByRole('button', { name: "Ajouter l'unité" }).click();
  await units.getByRole('cell', { name, exact: true }).waitFor();
}

/** On the accounts page: creates the officer, then her first sign-in chooses her own password; ends signed out. */
export async function createOfficer(page: Page): Promise<void> {
  await ensureUnit(page);
  await page.locator('#new-username').fill(OFFICER.username);
  await page.locator('#new-displayName').fill(OFFICER.displayName);
  await page.locator('#new-password').fill(OFFICER_TEMPORARY);
  await page.getByLabel('Rôle').selectOption('officer');
  await page.getByLabel('Unité', { exact: true }).selectOption({ label: UNIT });
  await page.getByRole('button', { name: 'Créer le compte', exact: true }).click();
  await page.getByRole('status').filter({ hasText: OFFICER.username }).waitFor();
  await expectAccessible(page, 'accounts');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  // The administrator knows the password she gave: nothing opens before the officer chose hers.
  await signIn(page, { ...OFFICER, password: OFFICER_TEMPORARY });
  await choosePassword(page, OFFICER_TEMPORARY, OFFICER.password);
  await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
}

/** The screen of a first sign-in (or one after a reset): the password she was given, then hers. */
export async function choosePassword(page: Page, given: string, chosen: string): Promise<void> {
  await page.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
  await page.getByLabel('Mot de passe temporaire', { exact: true }).fill(given);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(chosen);
  await page.getByLabel('Répétez le nouveau mot de passe').fill(chosen);
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
}

export async function signIn(page: Page, who = OFFICER): Promise<void> {
  await page.getByLabel("Nom d'utilisateur").fill(who.username);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Opens a new hearing and fills the set-up step; returns once main has confirmed the last save. */
export async function fillSetupStep(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
  await expectAccessible(page, 'my hearings');
  await page.getByRole('button', { name: 'Nouvelle audition' }).click();
  await answerSetupStep(page);
}

/** Answers every set-up question of the hearing on screen. */
export async function answerSetupStep(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Préparation' }).waitFor();

  await page.getByRole('group', { name: 'Langue de la procédure' }).getByLabel('Français').check();
  await page.getByLabel('Langue que la victime comprend le mieux').selectOption('ar');
  await page.getByRole('group', { name: 'Interprète demandé' }).getByLabel('Oui').check();
  // The follow-ups appear only once their question is answered yes.
  await page.getByRole('group', { name: 'Interprète présent' }).getByLabel('Oui').check();
  await page.getByLabel("Nom ou référence de l'interprète").fill(TYPED.interpreterReference);
  await page.getByRole('group', { name: 'Une personne de son choix accompagne la victime' }).getByLabel('Oui').check();
  await page.getByLabel("Qui l'accompagne (nom, qualité)").fill(TYPED.supportPerson);
  await page.getByRole('group', { name: 'Le local est adapté et discret' }).getByLabel('Oui').check();
  await page
    .getByRole('group', { name: 'Je suis formé·e aux violences fondées sur le genre' })
    .getByLabel('Oui')
    .check();
  await page.getByRole('group', { name: "Genre de l'agent souhaité par la victime" }).getByLabel('Une femme').check();
  await page.getByRole('group', { name: 'Sa préférence a pu être respectée' }).getByLabel('Oui').check();
  await page.getByRole('group', { name: 'Elle peut parler en sécurité maintenant' }).getByLabel('Oui').check();
  await page
    .getByLabel('Souhaits de la victime pour l’audition et la suite'.replace('’', "'"))
    .fill(TYPED.victimWishes);
  await waitForSaved(page);
  await expectAccessible(page, 'hearing set-up');
}

/** "Saved" is shown only after main confirmed the durable write. */
export async function waitForSaved(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor();
  // A text field saves after a short pause: wait until nothing is pending any more.
  await page.waitForFunction(
    () => document.querySelector('[data-save-state]')?.getAttribute('data-save-state') === 'saved',
  );
}

export async function expectSetupAnswers(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Préparation' }).waitFor();
  expect(await page.getByRole('group', { name: 'Langue de la procédure' }).getByLabel('Français').isChecked()).toBe(
    true,
  );
  expect(await page.getByLabel('Langue que la victime comprend le mieux').inputValue()).toBe('ar');
  expect(await page.getByRole('group', { name: 'Interprète présent' }).getByLabel('Oui').isChecked()).toBe(true);
  expect(await page.getByLabel("Nom ou référence de l'interprète").inputValue()).toBe(TYPED.interpreterReference);
  expect(await page.getByLabel("Qui l'accompagne (nom, qualité)").inputValue()).toBe(TYPED.supportPerson);
  expect(
    await page
      .getByRole('group', { name: "Genre de l'agent souhaité par la victime" })
      .getByLabel('Une femme')
      .isChecked(),
  ).toBe(true);
  expect(await page.getByLabel("Souhaits de la victime pour l'audition et la suite").inputValue()).toBe(
    TYPED.victimWishes,
  );
}

/** Locks with the shortcut, checks nothing of the hearing remains in the page, unlocks. */
export async function lockAndUnlock(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+L');
  await page.getByRole('heading', { name: 'Écran verrouillé' }).waitFor();
  const html = await page.content();
  expect(html).not.toContain(TYPED.interpreterReference);
  expect(html).not.toContain('0470 12 34 56');
  await expectAccessible(page, 'lock screen');
  await page.getByLabel('Mot de passe').fill('not the password');
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByText("Ce n'est pas le mot de passe avec lequel vous vous êtes connecté·e.").waitFor();
  await page.getByLabel('Mot de passe').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByRole('heading', { name: 'Préparation' }).waitFor();
  await expectSetupAnswers(page);
}

/** The officer switches the interface to Dutch: the same answers, Dutch labels. */
export async function switchToDutch(page: Page): Promise<void> {
  await page.getByLabel("Langue de l'interface").selectOption('nl');
  await page.getByRole('heading', { name: 'Voorbereiding' }).waitFor();
  expect(await page.getByLabel('Naam of referentie van de tolk').inputValue()).toBe(TYPED.interpreterReference);
  expect(await page.getByRole('group', { name: 'Taal van de procedure' }).getByLabel('Frans').isChecked()).toBe(true);
  expect(await page.locator('html').getAttribute('lang')).toBe('nl');
  await expectAccessible(page, 'hearing in Dutch');
}

/** A new installation up to an officer's first hearing, open at its set-up step. */
export async function openFirstHearing(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await firstRun(page);
  await createOfficer(page);
  await signIn(page);
  await page.getByRole('button', { name: 'Nouvelle audition' }).click();
  await page.getByRole('heading', { name: 'Préparation' }).waitFor();
}

/**
 * Answers every item of the risk step (no, from the victim, unless `answers` says otherwise)
 * through the controls on screen, by their form names so that any interface language works.
 */
export async function answerRiskStep(
  page: Page,
  answers: Record<string, 'yes' | 'no' | 'unknown' | 'refused'> = {},
  barriers: string[] = [],
): Promise<void> {
  await page.locator('nav.steps a[href$="/risk"]').click();
  await page.locator('input[name="a1"]').first().waitFor();
  const items = await page
    .locator('.step-form input[type=radio][value=yes]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name).filter((n) => /^[a-e][0-9]$/.test(n)));
  for (const item of items) {
    await page.locator(`input[name="${item}"][value="${answers[item.toUpperCase()] ?? 'no'}"]`).check();
    await page.locator(`select[name="${item}Source"]`).selectOption('victim');
  }
  const followUp = page.locator('input[name="a9FollowUp"][value="oneOrTwo"]');
  if (await followUp.count()) await followUp.check();
  for (const barrier of barriers.length > 0 ? barriers : ['none'])
    await page.locator(`input[name="barriers"][value="${barrier}"]`).check();
  await waitForSaved(page);
}

/** Answers every prompt of the digital-violence step (no, unless `answers` says otherwise; null leaves it unanswered), by form names. */
export async function answerDigitalStep(
  page: Page,
  answers: Record<string, 'yes' | 'no' | 'unsure' | 'declined' | null> = {},
): Promise<void> {
  await page.locator('nav.steps a[href$="/digital"]').click();
  await page.locator('input[name="g01"]').first().waitFor();
  const prompts = await page
    .locator('.step-form input[type=radio][value=declined]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
  for (const name of prompts) {
    const id = `G${name[1]}.${name[2]}`;
    if (answers[id] === null) continue;
    await page.locator(`input[name="${name}"][value="${answers[id] ?? 'no'}"]`).check();
  }
  await waitForSaved(page);
}

/**
 * The real API over the browser host's transport, as the signed-in window: for setting up what a
 * test is not about (accounts, units), the screens for those having tests of their own.
 */
export async function callApi<C extends Channel>(
  page: Page,
  channel: C,
  input: ChannelInput<C>,
  otherClient?: string,
): Promise<{ ok: boolean; value?: ChannelOutput<C>; error?: ApiError }> {
  const reply: unknown = await page.evaluate(
    async ([c, i, other]) => {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Hearing-Desk-Client': other ?? sessionStorage.getItem('hearing-desk.client-id') ?? '',
        },
        body: JSON.stringify({ channel: c, input: i }),
      });
      return (await response.json()) as unknown;
    },
    [channel as string, input as object, otherClient] as const,
  );
  return reply as { ok: boolean; value?: ChannelOutput<C>; error?: ApiError };
}

/**
 * An account made through the administrator's API, and its first sign-in, where the person
 * replaces the password she was given with `who.password`: through the API as a window of its
 * own, so the page stays the administrator's (the accounts screen test goes through the screens).
 */
export async function createAccount(page: Page, who: ChannelInput<'users.create'>): Promise<void> {
  const given = `temporary ${who.password}`;
  const created = await callApi(page, 'users.create', { ...who, password: given });
  expect(created.ok, JSON.stringify(created.error)).toBe(true);
  const window = `first-sign-in-${who.username}`;
  for (const reply of [
    await callApi(page, 'session.login', { username: who.username, password: given }, window),
    await callApi(page, 'session.changePassword', { currentPassword: given, newPassword: who.password }, window),
    await callApi(page, 'session.logout', {}, window),
  ]) {
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  }
}

/** Signs out of the window and in as someone else. */
export async function switchUser(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  await signIn(page, { ...who, displayName: '' });
}
