import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { ADMIN, OFFICER, signIn } from './pages/accounts';

/** Invented names and passwords only. */
const UNIT = 'Unité Fictive Centre';
const RENAMED = 'Unité Fictive Centre-Ville';
const TEMPORARY = 'temporaire passphrase 77';
const CHOSEN = 'ma propre phrase secrète';
const SERVICE_NUMBER = 'BE-4711/A';
const NEW_SERVICE_NUMBER = 'BE 4711.B';
const SERVICE_NUMBER_RULE =
  'Le numéro de matricule ne peut contenir que des lettres, des chiffres, des espaces et . / -';
/** The one answer to a refused sign-in, whatever the reason. */
const REFUSED =
  "Nom d'utilisateur ou mot de passe erroné, ou compte bloqué ou désactivé : adressez-vous à votre administrateur.";

describe('account management: units, a reset, the forced change, deactivation', () => {
  const app = useBrowserHost({ name: 'accounts' });
  // Two windows, each its own session: the administrator's (the first run's) and the officer's.
  let admin: Page;
  let officer: Page;
  beforeAll(async () => {
    admin = app.page;
    officer = await app.newPage();
  });

  it('lets the administrator create and rename a unit, and refuses a duplicate next to its field', async () => {
    await admin.getByRole('row').filter({ hasText: ADMIN.username }).first().waitFor();
    const units = admin.getByRole('region', { name: 'Unités' });
    await units.getByText("Il n'y a encore aucune unité").waitFor();
    // A unit comes first: the page opens on the units, then the accounts, then the new account.
    expect(await admin.locator('main h2').allTextContents()).toEqual(['Unités', 'Utilisateurs', 'Nouveau compte']);
    await admin
      .getByText("Aucune unité n'existe encore : créez-en une dans la section « Unités » ci-dessus.")
      .waitFor();
    await expectAccessible(admin, 'accounts, no unit yet');

    // An officer cannot be created without a unit: said next to the unit field, before sending.
    await admin.locator('#new-username').fill(OFFICER.username);
    await admin.locator('#new-displayName').fill(OFFICER.displayName);
    await admin.locator('#new-password').fill(OFFICER.password);
    await admin.getByRole('button', { name: 'Créer le compte', exact: true }).click();
    await admin
      .locator('#new-unitId-error')
      .getByText('Les policiers et les superviseurs doivent appartenir à une unité')
      .waitFor();
    expect(await admin.locator('#new-unitId').getAttribute('aria-invalid')).toBe('true');

    await admin.getByLabel('Nouvelle unité', { exact: true }).fill(UNIT);
    await admin.getByRole('button', { name: "Ajouter l'unité" }).click();
    await units.getByRole('cell', { name: UNIT, exact: true }).waitFor();
    await admin.getByLabel('Nouvelle unité', { exact: true }).fill(` ${UNIT.toUpperCase()} `);
    await admin.getByRole('button', { name: "Ajouter l'unité" }).click();
    await admin.locator('#new-unit-name-error').getByText('Une autre unité porte déjà ce nom.').waitFor();
    await expectAccessible(admin, 'units with an error');

    await admin.getByRole('button', { name: `Renommer ${UNIT}` }).click();
    const rename = admin.getByLabel(`Nouveau nom de ${UNIT}`);
    expect(await rename.evaluate((el) => el === document.activeElement)).toBe(true);
    await rename.fill(RENAMED);
    await admin.keyboard.press('Enter');
    await units.getByRole('cell', { name: RENAMED, exact: true }).waitFor();
    await admin.getByRole('status').filter({ hasText: RENAMED }).waitFor();
  });

  it('creates the officer in that unit, and resets her password', async () => {
    await admin.getByLabel('Unité', { exact: true }).selectOption({ label: RENAMED });
    await admin.locator('#new-serviceNumber').fill(SERVICE_NUMBER);
    await admin.getByRole('button', { name: 'Créer le compte', exact: true }).click();
    await admin.getByRole('status').filter({ hasText: OFFICER.username }).waitFor();
    const row = admin.getByRole('row').filter({ hasText: OFFICER.username });
    expect(await row.textContent()).toContain(RENAMED);
    expect(await row.textContent()).toContain('Policier·ère');
    expect(await row.getByRole('cell', { name: SERVICE_NUMBER, exact: true }).count()).toBe(1);
    // The form is empty again for the next account.
    expect(await admin.locator('#new-serviceNumber').inputValue()).toBe('');
    // The administrator knows the password she gave: the officer chooses her own first.
    await row.getByText('Doit choisir un nouveau mot de passe').waitFor();
    await officer.goto(app.origin);
    await signIn(officer, OFFICER);
    await officer.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
    expect(await officer.getByRole('navigation').count()).toBe(0);
    await officer.getByRole('button', { name: 'Se déconnecter' }).click();
    await officer.getByRole('heading', { name: 'Connexion' }).waitFor();

    await row.getByRole('button', { name: `Réinitialiser le mot de passe de ${OFFICER.username}` }).click();
    await admin.getByRole('heading', { name: `Mot de passe temporaire pour ${OFFICER.username}` }).waitFor();
    await admin.getByLabel('Mot de passe temporaire', { exact: true }).fill('court');
    await admin.getByRole('button', { name: 'Définir le mot de passe temporaire' }).click();
    await admin.locator('#reset-password-error').getByText('Le mot de passe est trop court.').waitFor();
    await expectAccessible(admin, 'password reset with an error');
    await admin.getByLabel('Mot de passe temporaire', { exact: true }).fill(TEMPORARY);
    await admin.getByRole('button', { name: 'Définir le mot de passe temporaire' }).click();
    await admin.getByRole('status').filter({ hasText: 'Un mot de passe temporaire a été défini' }).waitFor();
    await row.getByText('Doit choisir un nouveau mot de passe').waitFor();
    // Focus is back on the button that opened the form.
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Réinitialiser le mot de passe de ${OFFICER.username}`,
    );
  });

  it('changes her service number in the edit panel, and refuses an invalid one next to its field, saving nothing', async () => {
    const serviceNumbers = async () =>
      Object.fromEntries(
        (await callApi(admin, 'users.list', {})).value!.users.map((u) => [u.username, u.serviceNumber]),
      );
    const row = admin.getByRole('row').filter({ hasText: OFFICER.username });

    // A new account with an invalid service number: said before anything is sent, nothing created.
    await admin.locator('#new-username').fill('sn.refused');
    await admin.locator('#new-displayName').fill('Sam Refusé');
    await admin.locator('#new-password').fill('refused account passphrase');
    await admin.getByLabel('Unité', { exact: true }).selectOption({ label: RENAMED });
    await admin.locator('#new-serviceNumber').fill('<b>');
    await admin.getByRole('button', { name: 'Créer le compte', exact: true }).click();
    await admin.locator('#new-serviceNumber-error').getByText(SERVICE_NUMBER_RULE).waitFor();
    expect(await admin.locator('#new-serviceNumber').getAttribute('aria-invalid')).toBe('true');
    expect(Object.keys(await serviceNumbers())).not.toContain('sn.refused');
    await admin.locator('#new-serviceNumber').fill('');

    await row.getByRole('button', { name: `Modifier le compte ${OFFICER.username}` }).click();
    const panel = admin.getByRole('form', { name: `Modifier le compte ${OFFICER.username}` });
    await panel.waitFor();
    const field = panel.getByLabel('Numéro de matricule');
    expect(await field.inputValue()).toBe(SERVICE_NUMBER);
    await panel.getByText('Imprimé sur les documents à la place du nom de la personne.').waitFor();
    expect(await field.getAttribute('aria-describedby')).toBe('edit-serviceNumber-hint');

    await field.fill('<b>');
    await panel.getByRole('button', { name: 'Enregistrer' }).click();
    await panel.locator('#edit-serviceNumber-error').getByText(SERVICE_NUMBER_RULE).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe('edit-serviceNumber-hint edit-serviceNumber-error');
    await expectAccessible(admin, 'edit panel with an invalid service number');
    expect((await serviceNumbers())[OFFICER.username]).toBe(SERVICE_NUMBER);
    expect(await row.getByRole('cell', { name: SERVICE_NUMBER, exact: true }).count()).toBe(1);

    await field.fill('x'.repeat(41));
    await panel.getByRole('button', { name: 'Enregistrer' }).click();
    await panel
      .locator('#edit-serviceNumber-error')
      .getByText('Le numéro de matricule compte au plus 40 caractères.')
      .waitFor();
    expect((await serviceNumbers())[OFFICER.username]).toBe(SERVICE_NUMBER);

    await field.fill(` ${NEW_SERVICE_NUMBER} `);
    await panel.getByRole('button', { name: 'Enregistrer' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `Le compte ${OFFICER.username} a été modifié.` })
      .waitFor();
    await panel.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: NEW_SERVICE_NUMBER, exact: true }).waitFor();
    expect((await serviceNumbers())[OFFICER.username]).toBe(NEW_SERVICE_NUMBER);
    await expectAccessible(admin, 'accounts with a service number');
  });

  it('makes her choose her own password before anything else, then lets her work', async () => {
    await officer.goto(app.origin);
    await officer.getByRole('heading', { name: 'Connexion' }).waitFor();
    await signIn(officer, { ...OFFICER, password: OFFICER.password });
    await officer.getByText(REFUSED).waitFor();
    await signIn(officer, { ...OFFICER, password: TEMPORARY });
    await officer.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
    expect(await officer.getByRole('navigation').count()).toBe(0);
    await expectAccessible(officer, 'forced password change');

    await officer.getByLabel('Mot de passe temporaire', { exact: true }).fill(TEMPORARY);
    await officer.getByLabel('Nouveau mot de passe', { exact: true }).fill(TEMPORARY);
    await officer.getByLabel('Répétez le nouveau mot de passe').fill(TEMPORARY);
    await officer.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await officer
      .locator('#change-new-password-error')
      .getByText('Le nouveau mot de passe doit être différent')
      .waitFor();

    await officer.getByLabel('Nouveau mot de passe', { exact: true }).fill(CHOSEN);
    await officer.getByLabel('Répétez le nouveau mot de passe').fill(CHOSEN);
    await officer.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await officer.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    // Her unit is named in the top bar.
    await officer.locator('.topbar .user').getByText(RENAMED).waitFor();

    // The same form from the top bar, for a change she chooses herself.
    await officer.getByRole('button', { name: 'Mon mot de passe' }).click();
    await officer.getByRole('heading', { name: 'Changer mon mot de passe' }).waitFor();
    await expectAccessible(officer, 'change my password');
    await officer.getByRole('button', { name: 'Annuler' }).click();

    await officer.getByRole('button', { name: 'Nouvelle audition' }).click();
    await officer.getByRole('heading', { name: 'Préparation' }).waitFor();
    await officer.getByLabel('Langue que la victime comprend le mieux').selectOption('nl');
    await officer.locator('[data-save-state="saved"]').waitFor();
  });

  it('deactivates her after a confirmation: her next action is refused and she cannot sign in again', async () => {
    const row = admin.getByRole('row').filter({ hasText: OFFICER.username });
    await row.getByRole('button', { name: `Désactiver le compte ${OFFICER.username}` }).click();
    const dialog = admin.getByRole('alertdialog', { name: `Désactiver le compte ${OFFICER.username} ?` });
    await dialog.waitFor();
    await expectAccessible(admin, 'deactivation confirmation');
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await row.textContent()).not.toContain('Désactivé');

    await row.getByRole('button', { name: `Désactiver le compte ${OFFICER.username}` }).click();
    await dialog.getByRole('button', { name: 'Désactiver le compte' }).click();
    await admin.getByRole('status').filter({ hasText: 'a été désactivé' }).waitFor();
    await row.getByText('Désactivé').waitFor();
    await row.getByRole('button', { name: `Réactiver le compte ${OFFICER.username}` }).waitFor();
    await expectAccessible(admin, 'accounts after deactivation');

    // Her next action: main refuses it and her window returns to the sign-in screen.
    await officer.getByRole('link', { name: 'Mes auditions' }).click();
    await officer.getByRole('heading', { name: 'Connexion' }).waitFor();
    await signIn(officer, { ...OFFICER, password: CHOSEN });
    // The answer of a wrong password: it tells a guesser nothing about the account.
    await officer.getByText(REFUSED).waitFor();
  });

  it('shows the administrator the audit trail verified, verifies it from the first entry, and shows its damage loudly after a restart', async () => {
    const nav = admin.getByRole('navigation');
    await nav.getByRole('link', { name: 'Audit', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: "Journal d'audit" }).waitFor();
    expect(new URL(admin.url()).hash).toBe('#/audit');
    expect(await nav.getByRole('link', { name: 'Audit', exact: true }).getAttribute('aria-current')).toBe('page');
    const result = admin.locator('.audit-result');
    await result.getByText(/^Vérifié jusqu'à l'entrée \d+ le /).waitFor();
    await admin.getByText("Aucun dommage n'a jamais été constaté.").waitFor();
    await expectAccessible(admin, 'audit trail, intact');
    await admin.getByRole('button', { name: 'Vérifier tout le journal depuis la première entrée' }).click();
    await result.getByText(/Toutes les entrées ont été contrôlées, depuis la première/).waitFor();
    const verifiedUpTo = Number(/entrée (\d+)/.exec((await result.textContent()) ?? '')![1]);
    // An officer has no such page, and main refuses her the channel.
    expect((await callApi(officer, 'audit.verify', { scope: 'full' })).error?.code).toBe('NOT_SIGNED_IN');

    // Stopped, and its last entries deleted with the key and SQLite tools.
    await app.host.stop();
    const sqlite = app.openDatabase();
    sqlite.exec('DROP TRIGGER audit_events_no_delete');
    const kept = verifiedUpTo - 3;
    sqlite.prepare('DELETE FROM audit_events WHERE seq > ?').run(kept);
    sqlite.close();

    // The app starts all the same, and every administrator's page says so.
    await app.startHost();
    await admin.goto(app.host.url);
    await signIn(admin, ADMIN);
    const alert = admin.getByRole('alert').filter({ hasText: "Le journal d'audit a été trouvé endommagé." });
    await alert.waitFor();
    // The alert can show before the page's own heading: axe checks the page once both are there.
    await admin.getByRole('heading', { level: 1, name: 'Comptes', exact: true }).waitFor();
    await expectAccessible(admin, 'accounts with the audit alert');
    await alert.getByRole('link', { name: "Voir le journal d'audit" }).click();
    await admin.getByRole('heading', { level: 1, name: "Journal d'audit" }).waitFor();
    const notice = admin.getByRole('alert').filter({ hasText: "Le journal d'audit est endommagé" });
    await notice.getByText(/^Constaté au démarrage de l'application le /).waitFor();
    await notice.getByText(`Première entrée brisée : ${kept + 1}.`).waitFor();
    await notice
      .getByText("Le journal s'arrête avant cette entrée, qu'il contenait : ses dernières entrées ont été supprimées.")
      .waitFor();
    const recorded = admin.getByRole('table', { name: "Constats inscrits au journal d'audit" });
    expect(
      await recorded
        .getByRole('row')
        .filter({ hasText: 'Dernières entrées supprimées' })
        .getByRole('cell', { name: String(kept + 1), exact: true })
        .count(),
    ).toBe(1);
    await expectAccessible(admin, 'audit trail, damaged');
    expect(app.host.output()).toContain('AUDIT TRAIL BROKEN at start');
  });
});
