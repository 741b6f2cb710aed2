import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account, switchUser } from './pages/accounts';
import { DigitalStep } from './pages/digital-step';
import { HearingPage } from './pages/hearing';
import { RiskStep } from './pages/risk-step';

/** Invented people and units. */
const UNIT_NORTH = 'Brigade Nord (fictive)';
const UNIT_SOUTH = 'Brigade Sud (fictive)';
const OFFICER = account('officer', 'n.officer', 'Nora Fictive');
const SUPERVISOR = account('supervisor', 'n.supervisor', 'Sven Verzonnen');
const FAR_OFFICER = account('officer', 's.officer', 'Sacha Imaginaire');
const VICTIM_SURNAME = 'Inventanom';

describe('the Art. 16 risk tool and the supervisor review', () => {
  const app = useBrowserHost({
    name: 'risk',
    units: [UNIT_NORTH, UNIT_SOUTH],
    users: [OFFICER, SUPERVISOR, { ...FAR_OFFICER, unit: UNIT_SOUTH }],
  });
  let hearingUrl = '';

  it('strangulation yes and threats to kill unknown: at least HIGH, both named; a lowering below the floor is refused', async () => {
    const hearing = new HearingPage(app.page);
    await hearing.create();
    hearingUrl = app.page.url();
    await hearing.open('people');
    await app.page.locator('input[name="victimSurname"]').fill(VICTIM_SURNAME);

    await new DigitalStep(app.page).answer();
    await new RiskStep(app.page).answer({ A3: 'yes', A5: 'unknown' });
    const result = new RiskStep(app.page).result();
    expect(Number(await result.getAttribute('data-risk-level'))).toBeGreaterThanOrEqual(3);
    expect(await result.locator('.risk-level').textContent()).toBe('Niveau de risque : 3 HAUT');
    const why = (await result.locator('.risk-reasons').textContent()) ?? '';
    expect(why).toContain('RF1');
    expect(why).toContain('A3');
    expect(await result.textContent()).toMatch(/Réponse inconnue ou refusée : A5 /);
    await expectAccessible(app.page, 'risk step');

    // Asking to lower below the floor the red flag sets: said at once, and refused by main.
    const judgement = app.page.getByRole('region', { name: 'Appréciation professionnelle' });
    await judgement.getByLabel("Demander à un·e superviseur·e d'abaisser le niveau").check();
    await judgement.getByLabel('Niveau', { exact: true }).selectOption('2');
    await judgement.getByLabel('Motivation écrite').fill('Elle dit qu’il s’est calmé depuis une semaine.');
    await judgement.getByText(/ne peut jamais descendre sous 3 HAUT/).waitFor();
    await judgement.getByRole('button', { name: "Soumettre l'évaluation" }).click();
    await app.page
      .getByText(
        "Refusé : le niveau ne peut pas descendre sous le plancher fixé par les signaux d'alerte. Rien n'a été modifié.",
      )
      .waitFor();
    expect(await app.page.getByText("Aucune évaluation soumise pour l'instant.").count()).toBe(1);

    await judgement.getByLabel("Je suis d'accord avec le niveau").check();
    await judgement.getByRole('button', { name: "Soumettre l'évaluation" }).click();
    await app.page.locator('[data-assessment="1"]').getByText('en attente de relecture').waitFor();
    // Below level 4 the on-duty magistrate is not asked about: the questions are not on screen.
    expect(await app.page.locator('[data-field^="magistrateInformed"]').count()).toBe(0);
  });

  it('the supervisor of the unit sees it in the queue without the victim’s name, opens it (audited) and approves', async () => {
    await switchUser(app.page, SUPERVISOR);
    await app.page.getByRole('link', { name: 'File de relecture' }).click();
    await app.page.getByRole('heading', { name: 'File de relecture' }).waitFor();
    const row = app.page.locator('tr[data-level="3"]');
    expect(await row.textContent()).toContain('RF1');
    expect(await app.page.locator('main').innerHTML()).not.toContain(VICTIM_SURNAME);
    await expectAccessible(app.page, 'review queue');

    await row.getByRole('link').click();
    await app.page.getByText('Vous consultez cette audition en tant que superviseur·e').waitFor();
    await new RiskStep(app.page).revealAssessment();
    const review = app.page.getByRole('region', { name: 'Relecture par la supervision' });
    await expectAccessible(app.page, 'risk step, supervisor');
    // A return with no comment is stopped on screen, under the comment, which gets the focus.
    await review.getByRole('button', { name: 'Renvoyer au policier ou à la policière' }).click();
    const comment = review.getByLabel('Commentaire');
    await review.getByText("Écrivez ce qu'il faut revoir", { exact: false }).waitFor();
    expect(await comment.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    expect(await app.page.locator('[data-assessment="1"]').getByText('en attente de relecture').count()).toBe(1);
    await comment.fill('Vu.');
    expect(await review.getByText("Écrivez ce qu'il faut revoir", { exact: false }).count()).toBe(0);
    await review.getByRole('button', { name: 'Approuver' }).click();
    await app.page.locator('[data-assessment="1"]').getByText('approuvée', { exact: false }).waitFor();
    await app.page.getByRole('link', { name: 'File de relecture' }).click();
    await app.page.getByText('Aucune relecture en attente.').waitFor();
  });

  it('an officer of another unit gets an access error, not the data', async () => {
    await switchUser(app.page, FAR_OFFICER);
    await app.page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
    await app.page.goto(hearingUrl);
    await app.page.getByText("Vous n'avez pas accès à cet élément.").waitFor();
    expect(await app.page.content()).not.toContain(VICTIM_SURNAME);
  });

  it('recorded the supervisor’s opening and the refusal in the audit trail', async () => {
    await app.host.stop();
    const db = app.openDatabase({ readonly: true });
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
