import { describe, expect, it } from 'vitest';
import { saveStep } from '../helpers/complete-hearing';
import { digitalStepAnswers, RISK_VERSION, riskStepAnswers } from '../helpers/risk-answers';
import { callApi } from './api';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account } from './pages/accounts';
import { RiskStep } from './pages/risk-step';

/** Invented people and unit. */
const UNIT = 'Brigade Ouest (fictive)';
const OFFICER = account('officer', 'o.officer', 'Odile Fictive');
const SUPERVISOR = account('supervisor', 'o.supervisor', 'Olaf Verzonnen');
const COMMENT = 'A5 : demandez-lui si la menace a été répétée depuis (commentaire fictif).';

describe("the officer's follow-ups", () => {
  const app = useBrowserHost({ name: 'follow-ups', units: [UNIT], users: [OFFICER, SUPERVISOR] });

  it('shows an assessment the supervisor returned on her home, with the comment and a count beside the link, and leads to the risk step, where the comment comes first', async () => {
    const { page } = app;
    const home = page.getByRole('link', { name: /Mes auditions/ });
    const toDo = page.getByRole('region', { name: 'À faire' });
    await toDo.getByText('Rien à suivre pour le moment.').waitFor();
    expect(await home.locator('.nav-count').count()).toBe(0);

    // Taken and assessed by the officer, returned by her supervisor in a window of his own.
    const { hearing } = await app.api('hearings.create', {});
    await saveStep(app.api, hearing.id, 'digital', digitalStepAnswers());
    await saveStep(app.api, hearing.id, 'risk', riskStepAnswers({ A3: 'yes', A5: 'unknown' }));
    const { assessmentId } = await app.api('risk.submit', {
      hearingId: hearing.id,
      definitionVersion: RISK_VERSION,
      trigger: 'initial',
    });
    const supervisor = (channel: Parameters<typeof callApi>[1], input: object) =>
      callApi(page, channel, input as never, 'supervisor-window');
    expect(
      (await supervisor('session.login', { username: SUPERVISOR.username, password: SUPERVISOR.password })).ok,
    ).toBe(true);
    expect((await supervisor('risk.review', { assessmentId, decision: 'return', comment: COMMENT })).ok).toBe(true);

    // Any change of screen reads the count again (here from the hearing back to her home).
    await app.goto(`hearing/${hearing.id}/documents`);
    await page.locator('input[name="pvNumber"]').waitFor();
    await home.locator('.nav-count').getByText('1', { exact: true }).waitFor();
    await home.click();
    // Room mode is on: her levels and comments about other hearings wait for the officer's click.
    await toDo.getByRole('button', { name: 'Afficher ce qui est à faire (1)' }).click();
    await home.locator('.nav-count').getByText('1', { exact: true }).waitFor();
    expect(await home.textContent()).toContain('1 à faire');
    const row = toDo.locator('tr[data-kind="assessmentReturned"]');
    expect(await row.textContent()).toContain(`Évaluation du risque renvoyée par ${SUPERVISOR.displayName} (3 HAUT)`);
    expect(await row.textContent()).toContain(`Commentaire\u202f: ${COMMENT}`);
    await expectAccessible(page, 'home with a follow-up');

    await row.getByRole('link', { name: hearing.reference }).click();
    await page.waitForURL(new RegExp(`#/hearing/${hearing.id}/risk`));
    // First in the assessment panel once she reveals it: who returned it, and the comment.
    await new RiskStep(page).revealAssessment();
    const notice = page.locator('.risk-panel .returned-assessment');
    expect(await notice.textContent()).toContain(`Évaluation renvoyée par ${SUPERVISOR.displayName}`);
    expect(await notice.textContent()).toContain(COMMENT);
    await expectAccessible(page, 'risk step with a returned assessment');
  });
});
