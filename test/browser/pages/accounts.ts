import type { Page } from 'playwright-core';
import { expectAccessible } from '../axe';

/** Invented people; the same in every host. */
export const ADMIN = { username: 'admin.zone', displayName: 'Alex Admin', password: 'admin passphrase 2026' };
export const OFFICER = { username: 'i.fictive', displayName: 'Inès Fictive', password: 'officer passphrase 2026' };
/** What the administrator gives her; her first sign-in replaces it with OFFICER.password. */
const OFFICER_TEMPORARY = 'temporary officer passphrase';
/** Officers and supervisors belong to a unit; the scenarios put them in this one. */
export const UNIT = 'Unité Fictive A';

/** The first start of a new installation: the first administrator, created on screen; ends on the accounts page. */
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

export async function signIn(page: Page, who: { username: string; password: string } = OFFICER): Promise<void> {
  await page.getByLabel("Nom d'utilisateur").fill(who.username);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Signs out of the window and in as someone else. */
export async function switchUser(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  await signIn(page, who);
}

/** An invented account for a file's own host (its password derived from the username). */
export function account<R extends 'officer' | 'supervisor' | 'administrator'>(
  role: R,
  username: string,
  displayName: string,
  extra: { serviceNumber?: string } = {},
) {
  return { username, displayName, password: `${username} passphrase 2026`, role, ...extra };
}
