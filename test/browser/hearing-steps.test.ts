import VICTIM_AR from '../../forms/catalogs/victim/ar.json';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { DigitalStep } from './pages/digital-step';
import { closeHearing, dateFieldValue, fillDate, HearingPage, waitForSaved } from './pages/hearing';
import { RiskStep } from './pages/risk-step';
import { SetupStep } from './pages/setup-step';

const STATEMENT = 'Je soussignée, Inès Fictive, déclare : il est arrivé vers 22 h.\nIl a pris mon téléphone.';
const NARRATIVE =
  "Il est arrivé vers 22 h. Il a crié, m'a poussée contre le mur et a pris mon téléphone.\nLes enfants étaient dans leur chambre.";

describe('the hearing steps', () => {
  const app = useBrowserHost({ name: 'steps', setUp: 'firstHearing', failOnPageError: true });
  const hearing = () => new HearingPage(app.page);
  const group = (name: string) => hearing().group(name);
  const step = (name: string) => hearing().step(name);

  it('records the people, with two children exposed as co-victims', async () => {
    // A new hearing: the copy and documents ask nothing before closing, and nothing is answered there yet.
    expect(await hearing().stepState('Copie et documents').textContent()).toBe('Pas commencé');
    await step('Personnes').click();
    await app.page.getByRole('heading', { name: 'Personnes', exact: true }).waitFor();
    // The step title takes the focus, for keyboard and screen-reader users.
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('step-title');
    await app.page.getByLabel('Nom de la victime').fill('Fictive');
    await app.page.getByLabel('Prénoms de la victime').fill('Inès Marie');
    await fillDate(app.page.getByLabel('Date de naissance de la victime'), '1991-04-17');
    await group('Son adresse ne doit pas être communiquée').getByLabel('Oui').check();
    await group('Le suspect est son').getByLabel('Ex-partenaire').check();
    await group('Ils vivent ensemble').getByLabel('Non').check();
    for (const [index, name] of ['Léa', 'Tom'].entries()) {
      await app.page.getByRole('button', { name: `Ajouter : Enfant ${index + 1}` }).click();
      const child = group(`Enfant ${index + 1}`);
      await child.getByLabel('Prénom').fill(name);
      await child.getByRole('group', { name: "Le suspect est pour l'enfant" }).getByLabel('Son parent').check();
      await child.getByRole('group', { name: 'Exposé aux violences' }).getByLabel('Oui').check();
      await child.getByRole('group', { name: 'Présent lors des faits' }).getByLabel('Non').check();
    }
    // A third child added by mistake: removing it asks first, and keeps the other two.
    await app.page.getByRole('button', { name: 'Ajouter : Enfant 3' }).click();
    await group('Enfant 3').getByRole('button', { name: 'Retirer Enfant 3' }).click();
    await app.page.getByRole('button', { name: 'Le garder' }).click();
    await group('Enfant 3').getByRole('button', { name: 'Retirer Enfant 3' }).click();
    await app.page.getByRole('button', { name: 'Le retirer avec ses réponses' }).click();
    expect(await group('Enfant 3').count()).toBe(0);
    await waitForSaved(app.page);
    await expectAccessible(app.page, 'people step');
  });

  it('records the facts: her words first, a period, several forms of violence', async () => {
    await app.page.getByRole('link', { name: 'Étape suivante : Faits →' }).click();
    await app.page.getByRole('heading', { name: 'Faits' }).waitFor();
    await app.page.getByLabel("Ce qui s'est passé, avec ses mots").fill(NARRATIVE);
    await group('Quand').getByLabel('Entre deux dates').check();
    await fillDate(app.page.getByLabel('Du', { exact: true }), '2026-11-20');
    await fillDate(app.page.getByLabel('Au', { exact: true }), '2026-11-02');
    await app.page.getByText('Le début de la période est postérieur à sa fin.').waitFor();
    await fillDate(app.page.getByLabel('Au', { exact: true }), '2026-11-21');
    await app.page.getByLabel('Où').fill('Domicile commun, Liège');
    for (const form of ['Physique', 'Psychologique', 'Économique'])
      await group('Formes de violence').getByLabel(form).check();
    await group('Blessures').getByLabel('Oui').check();
    await app.page.getByLabel('Quelles blessures').fill('Hématome au bras gauche');
    await group('Une arme ou un objet a été utilisé ou montré').getByLabel('Elle préfère ne pas répondre').check();
    await waitForSaved(app.page);
    await expectAccessible(app.page, 'facts step');
  });

  it('finds both steps exactly as typed after a reload, and counts what is left', async () => {
    await app.page.reload();
    await app.page.getByRole('heading', { name: 'Faits' }).waitFor();
    expect(await app.page.getByLabel("Ce qui s'est passé, avec ses mots").inputValue()).toBe(NARRATIVE);
    expect(await dateFieldValue(app.page.getByLabel('Du', { exact: true }))).toBe('2026-11-20');
    expect(await dateFieldValue(app.page.getByLabel('Au', { exact: true }))).toBe('2026-11-21');
    const checked = [];
    for (const form of ['Physique', 'Psychologique', 'Sexuelle', 'Économique'])
      checked.push(await group('Formes de violence').getByLabel(form).isChecked());
    expect(checked).toEqual([true, true, false, true]);
    expect(
      await group('Une arme ou un objet a été utilisé ou montré')
        .getByLabel('Elle préfère ne pas répondre')
        .isChecked(),
    ).toBe(true);
    // Earlier incidents and earlier complaints are still to answer.
    expect(await app.page.locator('.steps li', { hasText: 'Faits' }).locator('.step-state').textContent()).toBe(
      '2 à compléter',
    );

    await step('Personnes').click();
    expect(await group('Enfant 2').getByLabel('Prénom').inputValue()).toBe('Tom');
    expect(
      await group('Enfant 1').getByRole('group', { name: 'Exposé aux violences' }).getByLabel('Oui').isChecked(),
    ).toBe(true);
    expect(await group('Le suspect est son').getByLabel('Ex-partenaire').isChecked()).toBe(true);
    expect(await dateFieldValue(app.page.getByLabel('Date de naissance de la victime'))).toBe('1991-04-17');
  });

  /**
   * Every answer on every step (the record's stored values, or the controls' values where a step
   * is still a form), the step titles, and any control that still accepts input.
   */
  async function snapshotEveryStep(navigationName: string) {
    // The interface language loads on first use: wait for the step list in that language.
    await app.page.getByRole('navigation', { name: navigationName }).waitFor();
    const links = app.page.getByRole('navigation', { name: navigationName }).getByRole('link');
    const titles: string[] = [];
    const values: Record<string, unknown> = {};
    const editable: string[] = [];
    for (let i = 0; i < (await links.count()); i++) {
      // The step's title, as the step list names it, in the language on screen.
      const title = ((await links.nth(i).textContent()) ?? '').trim();
      await links.nth(i).click();
      await app.page.locator('#step-title').getByText(title, { exact: true }).waitFor();
      titles.push(title);
      const recorded = await app.page
        .locator('.step-form [data-value]')
        .evaluateAll((rows) =>
          rows.map((row) => ({ name: row.getAttribute('data-field') ?? '', value: row.getAttribute('data-value') })),
        );
      const controls = await app.page.locator('.step-form :is(input, select, textarea)').evaluateAll((elements) =>
        elements.map((el) => {
          const input = el as HTMLInputElement;
          const name = input.name || input.id;
          const value =
            input.type === 'radio' || input.type === 'checkbox' ? (input.checked ? input.value : null) : input.value;
          const locked = input.disabled || input.readOnly;
          return { name, value, locked };
        }),
      );
      // Keyed by step position and field name, not by the language of the titles.
      for (const row of recorded) if (row.value) values[`${i}:${row.name}:${row.value}`] = row.value;
      for (const control of controls) {
        if (control.value !== null) values[`${i}:${control.name}:${String(control.value)}`] = control.value;
        if (!control.locked) editable.push(`${title} ${control.name}`);
      }
    }
    return { titles, values, editable };
  }

  /** Her language (Arabic) has a catalog nobody has reviewed yet: the step says so, and shows both texts. */
  async function answerRights() {
    await step('Droits').click();
    await app.page.getByRole('heading', { name: 'Droits' }).waitFor();
    await app.page
      .getByText("La traduction de ses droits dans sa langue (Arabe) n'a pas encore été relue", { exact: false })
      .waitFor();
    const inArabic = app.page.locator('[lang="ar"]').filter({ hasText: VICTIM_AR.rights.interpreter });
    await inArabic.waitFor();
    expect(await inArabic.getAttribute('dir')).toBe('rtl');
    // The procedure language's text is shown beside each right.
    await app.page.getByText('Vous avez droit à un interprète, gratuitement, pendant votre audition.').waitFor();
    // The interpreter is present (set-up step): the answer is already there, marked, and stays hers to change.
    const throughInterpreter = group("L'interprète lui a expliqué ses droits");
    expect(await throughInterpreter.getByLabel('Oui').isChecked()).toBe(true);
    await throughInterpreter.getByText('Reprise de l’étape 1, Préparation.', { exact: false }).waitFor();
    for (const right of [
      'un interprète gratuit',
      'une personne de son choix',
      "participer à l'évaluation de ses besoins de protection",
      "une copie gratuite dans une langue qu'elle comprend",
      "l'information sur l'aide et le logement",
      'un agent du genre de son choix',
      "l'information sur les mesures de protection",
    ]) {
      await group(`Droit à ${right} : expliqué`).getByLabel('Oui').check();
    }
    await app.page
      .getByLabel('Sa réponse ou sa question')
      .first()
      .fill("Elle demande si l'interprète reste pour la relecture.");
    await waitForSaved(app.page);
    // Each right carries the time it was explained, as main stored it.
    expect(await app.page.locator('[data-explained-at]').count()).toBe(7);
    expect(await app.page.locator('[data-explained-at="interpreterExplained"]').textContent()).toMatch(
      /^Expliqué à \d{2}:\d{2}:\d{2}$/,
    );
    await expectAccessible(app.page, 'rights step');
  }

  /**
   * Asked once: they do not live together (step 3), so the ban from residence cannot apply and asks
   * nothing more, and her wish for a non-communicable address is already her position. A contact
   * ban discussed, the alarm refused by her, consent to victim support only.
   */
  async function answerMeasuresAndReferrals() {
    await step('Mesures de protection').click();
    await app.page.getByRole('heading', { name: 'Mesures de protection' }).waitFor();
    const residenceBan = app.page.locator('[data-field="residenceBanApplies"]');
    expect(await residenceBan.getByLabel('Non\u202f: ils ne vivent pas ensemble').isChecked()).toBe(true);
    expect(await residenceBan.locator('.earlier-answer').textContent()).toBe(
      'Reprise de l’étape 3, Personnes. Vous pouvez la modifier ici.',
    );
    expect(await group('Interdiction temporaire de résidence : sa position').count()).toBe(0);
    expect(await app.page.getByLabel('Interdiction temporaire de résidence : où elle en est').count()).toBe(0);
    expect(await group('Adresse non communicable : sa position').getByLabel('Elle la souhaite').isChecked()).toBe(true);
    await app.page.getByLabel('Adresse non communicable : où elle en est').selectOption('inForce');
    const measures: [string, string, string][] = [
      ['Interdiction de lieu ou de contact', "Elle n'a pas décidé", 'discussed'],
      ['Alarme anti-rapprochement', 'Elle la refuse', 'notPursued'],
    ];
    for (const [name, position, state] of measures) {
      await group(`${name} : sa position`).getByLabel(position).check();
      await app.page.getByLabel(`${name} : où elle en est`).selectOption(state);
    }
    await expectAccessible(app.page, 'measures step');
    await step('Orientation et consentement').click();
    await group('Aide proposée').getByLabel("Service d'assistance aux victimes").check();
    await group('Aide proposée').getByLabel('Logement ou hébergement').check();
    await group("Elle accepte que son dossier soit transmis au service d'assistance aux victimes")
      .getByLabel('Oui')
      .check();
    // The helpline she is given comes from the directory, number as it will be printed.
    await group("Services qui lui sont indiqués (annuaire d'aide)")
      .getByLabel(/Écoute violences conjugales · 0800 30 030 · Wallonie/)
      .check();
    await group('Elle accepte que son dossier soit transmis au service de logement').getByLabel('Non').check();
    await waitForSaved(app.page);
    await expectAccessible(app.page, 'referrals step');
  }

  it('reads the statement back in large type, has it approved, then takes only addenda', async () => {
    await step('Déclaration et clôture').click();
    const text = app.page.getByLabel('Déclaration, dans la langue de la procédure');
    // The draft starts from her account in the facts step, saved as the statement's own text.
    expect(await text.inputValue()).toBe(NARRATIVE);
    await app.page.getByText('Brouillon repris de l’étape 4, Faits', { exact: false }).waitFor();
    await waitForSaved(app.page);
    // The draft counts as the statement's text at once: only her approval is left.
    expect(await hearing().stepState('Déclaration et clôture').textContent()).toBe('1 à compléter');
    await text.fill(STATEMENT);
    await waitForSaved(app.page);
    await app.page.getByRole('button', { name: 'Lui relire (grands caractères)' }).click();
    const readBack = app.page.getByRole('region', { name: 'La déclaration, pour la relecture' });
    expect(await readBack.textContent()).toContain('Il a pris mon téléphone.');
    expect(Number.parseFloat(await readBack.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(
      24,
    );
    await app.page.getByRole('button', { name: 'Elle approuve la déclaration' }).click();
    await app.page.getByRole('button', { name: "Confirmer : elle l'a entendue ou lue et l'approuve" }).click();
    await app.page.getByText(/^Approuvée le .* \(Inès Fictive\)/).waitFor();
    expect(await text.getAttribute('readonly')).not.toBeNull();
    await app.page.getByLabel('Nouvel ajout').fill('Elle précise que la scène a eu lieu dans la cuisine.');
    await app.page.getByRole('button', { name: "Ajouter l'ajout" }).click();
    await app.page.getByText('Elle précise que la scène a eu lieu dans la cuisine.').waitFor();
    await expectAccessible(app.page, 'statement step');
  });

  it('lists what is missing before closing, each item leading to its field, then closes read-only', async () => {
    const checklist = app.page.getByRole('region', { name: "Clôture de l'audition" });
    // Pressed too early, closing takes the cursor to the first thing still to do.
    await checklist.getByRole('button', { name: "Clôturer l'audition" }).click();
    expect(await app.page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Préparation › Langue de la procédure',
    );
    await checklist.getByRole('link', { name: 'Faits › Incidents antérieurs' }).click();
    await app.page.getByRole('heading', { name: 'Faits' }).waitFor();
    // The link put the cursor in the field: answer it by keyboard alone.
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('earlierIncidents');
    await app.page.keyboard.press('Space');
    expect(await group('Incidents antérieurs').getByLabel('Oui').isChecked()).toBe(true);
    await group('Plaintes ou signalements antérieurs').getByLabel('Non').check();
    await step('Personnes').click();
    await group('Comment la joindre en sécurité').getByLabel("Par un service d'aide").check();
    await app.page
      .getByLabel('Numéro, personne ou service à utiliser')
      .fill("Service d'aide aux victimes (fictif), 0800 00 000");
    await step('Préparation').click();
    await new SetupStep(app.page).answer();
    await answerRights();
    await answerMeasuresAndReferrals();
    // The Art. 16 assessment: answered with her, then submitted for main to evaluate and keep.
    await new DigitalStep(app.page).answer({ 'G4.1': 'yes' });
    await new RiskStep(app.page).answer({ A1: 'yes', C1: 'yes' });
    await app.page.getByRole('button', { name: "Soumettre l'évaluation" }).click();
    await app.page.locator('[data-assessment="1"]').waitFor();

    await step('Déclaration et clôture').click();
    await checklist.getByText('Tout ce qui est requis est complété.').waitFor();
    await closeHearing(app.page);
    await app.page.getByText('Cette audition est clôturée : elle peut être consultée.', { exact: false }).waitFor();

    // Reopened in the Dutch interface: every answer of every step the same, Dutch labels, nothing editable.
    const inFrench = await snapshotEveryStep("Étapes de l'audition");
    await app.page.getByLabel("Langue de l'interface").selectOption('nl');
    const inDutch = await snapshotEveryStep('Stappen van het verhoor');
    expect(Object.keys(inFrench.values).length).toBeGreaterThan(50);
    expect(inDutch.values).toEqual(inFrench.values);
    expect(inDutch.titles).toEqual([
      'Voorbereiding',
      'Rechten',
      'Personen',
      'Feiten',
      'Digitaal geweld',
      'Risico-evaluatie (art. 16)',
      'Beschermingsmaatregelen',
      'Doorverwijzing en toestemming',
      'Verklaring en afsluiting',
      'Kopie en documenten',
    ]);
    // Only the risk step (reassessments follow the pair for weeks) and the documents step (the
    // report number, the translation sent) stay open after closing.
    expect(inDutch.editable.length).toBeGreaterThan(60);
    expect(
      inDutch.editable.filter(
        (control) => !control.startsWith('Risico-evaluatie (art. 16) ') && !control.startsWith('Kopie en documenten '),
      ),
    ).toEqual([]);
    await app.page
      .getByRole('navigation', { name: 'Stappen van het verhoor' })
      .getByRole('link', { name: 'Feiten', exact: true })
      .click();
    await app.page.getByRole('heading', { name: 'Feiten' }).waitFor();
    // The closed step is a record: her words as typed, the Dutch labels, no control at all.
    const narrative = app.page.locator('[data-field="narrative"]');
    expect(await narrative.locator('dt').textContent()).toBe('Wat er gebeurde, in haar woorden');
    expect(await narrative.locator('dd').textContent()).toBe(NARRATIVE);
    expect(await app.page.locator('[data-field="formsOfViolence"] dd').textContent()).toContain('Economisch');
    expect(await app.page.locator('.step-form :is(input, select, textarea)').count()).toBe(0);
    await app.page
      .getByRole('navigation', { name: 'Stappen van het verhoor' })
      .getByRole('link', { name: 'Doorverwijzing en toestemming', exact: true })
      .click();
    const given = app.page.locator('[data-field="servicesGiven"]');
    expect(await given.locator('dt').textContent()).toBe('Diensten die haar worden genoemd (hulpgids)');
    expect(await given.locator('dd').textContent()).toContain('Écoute violences conjugales');
    await expectAccessible(app.page, 'closed hearing, read in Dutch');
    await app.page.getByLabel('Taal van de interface').selectOption('fr');
    // Closed, it is still hers to reach for an addendum or a copy, under its own heading.
    await app.page.getByRole('link', { name: 'Mes auditions' }).click();
    await app.page.getByRole('heading', { name: 'Clôturées récemment' }).waitFor();
    expect(await app.page.getByRole('link', { name: /HD-\d{4}-000001/ }).count()).toBe(1);
  });
});
