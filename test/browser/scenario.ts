import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { createOfficer, firstRun, OFFICER, signIn } from './pages/accounts';
import { HearingPage } from './pages/hearing';
import { SetupStep, TYPED } from './pages/setup-step';

/** The scenario both hosts run (the browser host and Electron), built from the page objects in pages/. */

/** A new installation up to an officer's first hearing, open at its set-up step: every account made on screen. */
export async function openFirstHearing(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await firstRun(page);
  await createOfficer(page);
  await signIn(page);
  await new HearingPage(page).create();
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
  await new SetupStep(page).expectAnswers();
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
