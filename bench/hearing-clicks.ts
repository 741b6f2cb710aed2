/**
 * Issue 17's acceptance figure: one realistic hearing, scripted through the real UI in Chromium
 * against the browser host, counting the officer's interactions (target: 120 or fewer, from
 * about 230).
 *
 * What counts as one interaction: a click (a button, a link, a step in the navigation, "Étape
 * suivante"), ticking a radio button or a box, choosing in a select, filling one field (typing a
 * whole text is one entry), a key she presses (a shortcut). Reading, checking and waiting count
 * nothing. Each step's count includes the click that brings her to it. Counting starts at the
 * click on "Nouvelle audition" and ends once the hearing is closed (past the confirmation) and
 * her copy printed (past the review her copy asks for); the first run, her account and her
 * sign-in come before it and count nothing.
 *
 * The scenario (invented throughout): an Arabic-speaking victim, heard in French with an
 * interpreter present; strangled last week by her partner, with whom she lives; a GPS tracker
 * found in her car; he threatens to publish intimate images; she wants a contact ban and refuses
 * the alarm. Only what the hearing needs to close is answered, plus what such a hearing records
 * anyway: her address, what she says of the tracker and of the threat, the helpline she is given.
 * No child, no witness, no PV number yet (her copy prints without one).
 *
 * The bench fails (throws) when a step is not complete after its answers, when the hearing does
 * not close, or when her copy is not printed: a count of an incomplete hearing means nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, startHost, type RunningHost } from '../test/browser/harness';
import { dayAsTyped, waitForSaved } from '../test/browser/pages/hearing';
import { callApi } from '../test/browser/api';
import type { Channel, ChannelInput } from '../src-main/api/contract';

export const HEARING_CLICK_TARGET = 120;

/** The hearing's steps in their order, by form id, with the French titles the navigation shows. */
const STEPS = [
  ['setup', 'Préparation'],
  ['rights', 'Droits'],
  ['people', 'Personnes'],
  ['facts', 'Faits'],
  ['digital', 'Violences numériques'],
  ['risk', 'Évaluation des risques (art. 16)'],
  ['measures', 'Mesures de protection'],
  ['referrals', 'Orientation et consentement'],
  ['statement', 'Déclaration et clôture'],
  ['documents', 'Copie et documents'],
] as const;
type StepId = (typeof STEPS)[number][0];

export interface HearingClickFigures {
  /** Interactions per step, in the steps' order (each with the click that opened it). */
  steps: { step: StepId; title: string; interactions: number; actions: string[] }[];
  total: number;
  target: number;
  met: boolean;
  /**
   * The screens she saw, in order, from "Mes auditions" (`home`) through each step
   * (`hearing/risk`): how many distinct ones, and how many times the screen changed.
   */
  screens: { distinct: number; changes: number; visited: string[] };
  /** Risk items answered from an earlier step when she opened the risk step: item and note. */
  prefilledRiskItems: { item: string; note: string }[];
  /** The level the submitted assessment gave. */
  riskLevel: number | null;
  /** Wall time of the counted part, for information (the bench waits for every save). */
  seconds: number;
}

/** Invented people, places and numbers. */
const ADMIN = { username: 'bench.admin', displayName: 'Bench Admin', password: 'bench admin passphrase 2026' };
const OFFICER = {
  username: 'bench.clicks',
  displayName: 'Inès Fictive',
  password: 'bench officer passphrase 2026',
  serviceNumber: 'SN-00017',
};
const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);
/** Last week, as she tells it. */
const INCIDENT_DAY = isoDay(new Date(Date.now() - 6 * DAY_MS));
const NARRATIVE =
  "La semaine passée, un soir, il est rentré énervé. Il m'a attrapée par le cou contre le mur de la cuisine et a serré, je ne pouvais plus respirer. " +
  "Depuis des mois il me surveille : j'ai trouvé un boîtier GPS sous le siège de ma voiture. " +
  "Il dit qu'il publiera des photos intimes de moi si je pars. (récit fictif)";
/** The digital prompts she answers yes (G1.3 a tracker, G5.2 the threat to publish images), with what she says. */
const DIGITAL_YES: Record<string, string> = {
  g13: 'Boîtier GPS trouvé sous le siège conducteur de sa voiture il y a dix jours ; elle l’a gardé (fictif).',
  g52: 'Messages vocaux : il publiera ses photos intimes si elle le quitte (fictif).',
};
/** The open digital questions, in her words (G0.1 her devices, G9.2 how he would notice, G9.3 a safe channel). */
const DIGITAL_IN_WORDS: Record<string, string> = {
  g01: 'Un téléphone Android à son nom ; la voiture est à son nom à lui (fictif).',
  g92: 'Il verrait tout de suite si le boîtier ne bouge plus : il la surveille par là (fictif).',
  g93: 'Par sa sœur, au 0470 99 88 77, en journée (fictif).',
};
/** What the documents step says when her copy needs no review (documents.review.notRequired). */
const REVIEW_NOT_REQUIRED =
  "Rien dans cette audition n'indique où elle se trouve : sa copie ne demande pas de relecture.";
const IN_HER_WORDS = 'Sa réponse, avec ses mots (fictive).';
const STATEMENT_ADDITION =
  '\nElle précise : « J’ai eu des traces rouges au cou pendant trois jours. Je veux qu’il ne puisse plus m’approcher. » (fictif)';

/** A counted officer: every action goes through here, one interaction each, attributed to the step on screen. */
class Officer {
  readonly counts = new Map<StepId, string[]>();
  current: StepId = 'setup';
  private counting = false;
  readonly screens: string[] = [];
  private lastScreen = '';

  constructor(readonly page: Page) {}

  /** Counting starts on the screen she is on ("Mes auditions"), which counts as the first one seen. */
  async start(): Promise<void> {
    this.counting = true;
    this.lastScreen = '';
    await this.noteScreen();
  }

  stop(): void {
    this.counting = false;
  }

  /** Attributes what follows to `step`. */
  on(step: StepId): void {
    this.current = step;
  }

  private count(what: string): void {
    if (!this.counting) return;
    const list = this.counts.get(this.current) ?? [];
    list.push(what);
    this.counts.set(this.current, list);
  }

  /** The screen on show, as its route without ids (`hearing/risk`, `home`), noted after each action. */
  async noteScreen(): Promise<void> {
    const hash = new URL(this.page.url()).hash.replace(/^#\/?/, '');
    const route = hash
      .split('?')[0]!
      .split('/')
      .filter((part) => !/^[0-9a-f-]{36}$/.test(part))
      .join('/');
    const screen = route === 'hearing' ? 'hearing/setup' : route || 'home';
    if (screen !== this.lastScreen) {
      if (this.counting) this.screens.push(screen);
      this.lastScreen = screen;
    }
  }

  async click(target: Locator, what: string): Promise<void> {
    this.count(`click ${what}`);
    await target.click();
    await this.noteScreen();
  }

  async check(target: Locator, what: string): Promise<void> {
    this.count(`check ${what}`);
    await target.check();
    await this.noteScreen();
  }

  async select(target: Locator, value: string, what: string): Promise<void> {
    this.count(`select ${what}`);
    await target.selectOption(value);
  }

  async fill(target: Locator, text: string, what: string): Promise<void> {
    this.count(`fill ${what}`);
    await target.fill(text);
  }

  async fillDate(target: Locator, iso: string, what: string): Promise<void> {
    await this.fill(target, dayAsTyped(iso), what);
  }

  async press(key: string, what: string): Promise<void> {
    this.count(`press ${key} (${what})`);
    await this.page.keyboard.press(key);
    await this.noteScreen();
  }

  /** A radio or box by its form name and value (the form engine's `name`/`value`). */
  option(name: string, value: string): Locator {
    return this.page.locator(`.step-form input[name="${name}"][value="${value}"]`);
  }

  async answer(name: string, value: string): Promise<void> {
    await this.check(this.option(name, value), `${name}=${value}`);
  }

  field(name: string): Locator {
    return this.page.locator(`.step-form :is(input, textarea, select)[name="${name}"]`);
  }
}

/** The app's API as the window signed in in `page`, or as another window: each call's value, failing on an error. */
async function call<C extends Channel>(page: Page, channel: C, input: ChannelInput<C>, client?: string) {
  const reply = await callApi(page, channel, input, client);
  if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
  return reply.value!;
}

/** Before counting: the first administrator on screen, a unit and the officer through the API, her sign-in on screen. */
async function prepareOfficer(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Créer le premier administrateur' }).waitFor();
  await page.getByLabel("Nom d'utilisateur").fill(ADMIN.username);
  await page.getByLabel('Nom complet').fill(ADMIN.displayName);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Répétez le mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
  await page.getByRole('heading', { name: 'Comptes' }).waitFor();
  const { unit } = await call(page, 'units.save', { name: 'Brigade fictive (bench)' });
  // Her first sign-in replaces the password the administrator gave with her own.
  const given = `temporary ${OFFICER.password}`;
  await call(page, 'users.create', { ...OFFICER, password: given, role: 'officer', unitId: unit.id });
  const window = 'bench-first-sign-in';
  await call(page, 'session.login', { username: OFFICER.username, password: given }, window);
  await call(page, 'session.changePassword', { currentPassword: given, newPassword: OFFICER.password }, window);
  await call(page, 'session.logout', {}, window);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  await page.getByLabel("Nom d'utilisateur").fill(OFFICER.username);
  await page.getByLabel('Mot de passe').fill(OFFICER.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Mes auditions' }).waitFor();
}

/** Screenshots for people exploring the scenario: HD_CLICKS_SHOTS=<folder>. */
async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.HD_CLICKS_SHOTS;
  if (!folder) return;
  fs.mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
}

/** What the navigation says of a step ("Complet", "3 à compléter"). */
async function stepState(page: Page, step: StepId): Promise<string> {
  const item = page.locator('nav.steps li').filter({ has: page.locator(`a[href$="/${step}"]`) });
  return ((await item.locator('.step-state').textContent()) ?? '').trim();
}

/** Fails loudly unless the step on screen is saved and the navigation calls it complete. */
async function expectComplete(officer: Officer, step: StepId): Promise<void> {
  await waitForSaved(officer.page);
  const page = officer.page;
  try {
    await page
      .locator('nav.steps li')
      .filter({ has: page.locator(`a[href$="/${step}"]`) })
      .locator('.step-state', { hasText: /^Complet$/ })
      .waitFor({ timeout: 5_000 });
  } catch {
    await shot(page, `incomplete-${step}`);
    throw new Error(`The ${step} step is not complete after the scenario's answers: "${await stepState(page, step)}"`);
  }
}

/** Opens the next step by the link under the form ("Étape suivante : …"), one click. */
async function nextStep(officer: Officer, step: StepId): Promise<void> {
  const title = STEPS.find(([id]) => id === step)![1];
  officer.on(step);
  await officer.click(
    officer.page.getByRole('link', { name: `Étape suivante : ${title} →`, exact: true }),
    `Étape suivante : ${title}`,
  );
  await officer.page.locator('#step-title').getByText(title, { exact: true }).waitFor();
}

/** The scenario itself, from "Mes auditions" until her copy is printed. */
async function runScenario(officer: Officer): Promise<{ prefilled: { item: string; note: string }[]; level: number }> {
  const page = officer.page;
  const group = (name: string) => page.getByRole('group', { name, exact: true });

  // 1. Set-up.
  officer.on('setup');
  await officer.click(page.getByRole('button', { name: 'Nouvelle audition' }), 'Nouvelle audition');
  await page.getByRole('heading', { name: 'Préparation' }).waitFor();
  await officer.answer('procedureLanguage', 'fr');
  await officer.select(page.getByLabel('Langue que la victime comprend le mieux'), 'ar', 'victimLanguage=ar');
  await officer.answer('interpreterRequested', 'yes');
  await officer.answer('interpreterPresent', 'yes');
  await officer.fill(
    page.getByLabel("Nom ou référence de l'interprète"),
    'Interprète juré n° 4711 (arabe)',
    'interpreterReference',
  );
  await officer.answer('supportPersonPresent', 'no');
  await officer.answer('roomAdaptedDiscreet', 'yes');
  await officer.answer('officerTrained', 'yes');
  await officer.answer('preferredOfficerGender', 'female');
  await officer.answer('preferredOfficerGenderMet', 'yes');
  await officer.answer('safeToTalk', 'yes');
  await expectComplete(officer, 'setup');
  await shot(page, '01-setup');

  // 2. Rights: each explained (through the interpreter is answered by the set-up).
  await nextStep(officer, 'rights');
  for (const right of [
    'un interprète gratuit',
    'une personne de son choix',
    "participer à l'évaluation de ses besoins de protection",
    "une copie gratuite dans une langue qu'elle comprend",
    "l'information sur l'aide et le logement",
    'un agent du genre de son choix',
    "l'information sur les mesures de protection",
  ])
    await officer.check(group(`Droit à ${right} : expliqué`).getByLabel('Oui'), `right explained: ${right}`);
  await expectComplete(officer, 'rights');
  await shot(page, '02-rights');

  // 3. People.
  await nextStep(officer, 'people');
  await officer.fill(page.getByLabel('Nom de la victime'), 'Fictive', 'victimSurname');
  await officer.fill(page.getByLabel('Prénoms de la victime'), 'Inès Amal', 'victimFirstNames');
  await officer.fillDate(page.getByLabel('Date de naissance de la victime'), '1992-03-14', 'victimBirthDate');
  await officer.fill(
    page.getByLabel('Son adresse', { exact: true }),
    'Rue des Exemples 12, 4000 Liège',
    'victimAddress',
  );
  await officer.answer('victimAddressNonCommunicable', 'yes');
  await officer.answer('victimSafeChannel', 'trustedPerson');
  await officer.fill(
    page.getByLabel('Numéro, personne ou service à utiliser'),
    '0470 99 88 77 (sa sœur)',
    'victimSafeChannelDetail',
  );
  await officer.fill(page.getByLabel('Nom du suspect'), 'Exemple', 'suspectSurname');
  await officer.fill(page.getByLabel('Prénoms du suspect'), 'Marc', 'suspectFirstNames');
  await officer.answer('suspectRelationship', 'partner');
  await officer.answer('suspectCohabiting', 'yes');
  await expectComplete(officer, 'people');
  await shot(page, '03-people');

  // 4. Facts: her account first, then the structured questions.
  await nextStep(officer, 'facts');
  await officer.fill(page.getByLabel("Ce qui s'est passé, avec ses mots"), NARRATIVE, 'narrative');
  await officer.check(group('Quand').getByLabel('À une date'), 'period: on a day');
  await officer.fillDate(group('Quand').locator('input[type=text]').first(), INCIDENT_DAY, 'period day');
  await officer.fill(page.getByLabel('Où', { exact: true }), 'Domicile commun, Liège', 'place');
  await officer.check(group('Formes de violence').getByLabel('Physique'), 'formsOfViolence=physical');
  await officer.check(group('Formes de violence').getByLabel('Psychologique'), 'formsOfViolence=psychological');
  await officer.answer('injuries', 'yes');
  await officer.fill(
    page.getByLabel('Quelles blessures'),
    'Rougeurs et douleur au cou (strangulation)',
    'injuriesDescription',
  );
  await officer.answer('weapons', 'no');
  await officer.answer('earlierIncidents', 'yes');
  await officer.answer('earlierComplaints', 'no');
  await expectComplete(officer, 'facts');
  await shot(page, '04-facts');

  // 5. Digital violence: every prompt asked; a tracker (G1.3) and the threat to publish images (G5.2).
  await nextStep(officer, 'digital');
  await page.locator('.step-form input[type=radio][value=declined]').first().waitFor();
  const prompts = await page
    .locator('.step-form input[type=radio][value=declined]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
  for (const name of prompts) if (name in DIGITAL_YES) await officer.answer(name, 'yes');
  // Every heading is asked; what she denies under it is recorded in one action per heading (digital@2).
  const rest = page.locator('.step-form .rest-of-section button');
  for (let left = await rest.count(); left > 0; left = await rest.count()) {
    await officer.click(rest.first(), 'the rest of the heading: no');
    await page.waitForFunction(
      (before) => document.querySelectorAll('.step-form .rest-of-section button').length < before,
      left,
    );
  }
  // A digital step without the heading's button (digital@1) is answered prompt by prompt.
  for (const name of prompts)
    if (!(await page.locator(`.step-form input[name="${name}"]:checked`).count())) await officer.answer(name, 'no');
  for (const [name, details] of Object.entries(DIGITAL_YES))
    await officer.fill(page.locator(`[data-field="${name}Details"] textarea`), details, `${name}Details`);
  // The open questions (digital@2 on) are answered in her words, unless an earlier step already did.
  const inWords = await page.locator('.step-form textarea').evaluateAll((areas) =>
    areas
      .map((a) => a as HTMLTextAreaElement)
      .filter((a) => /^g[0-9]{2}$/.test(a.name) && a.value.trim() === '')
      .map((a) => a.name),
  );
  for (const name of inWords)
    await officer.fill(
      page.locator(`.step-form textarea[name="${name}"]`),
      DIGITAL_IN_WORDS[name] ?? IN_HER_WORDS,
      name,
    );
  await expectComplete(officer, 'digital');
  await shot(page, '05-digital');

  // 6. Risk: strangulation and her fear; the rest no unless an earlier step answered it (B6 to B8
  // are not asked: the digital step answers them). The interpreter she needs is her barrier (V2).
  await nextStep(officer, 'risk');
  await page.locator('input[name="a1"]').first().waitFor();
  const prefilled = await page.locator('[data-field] .earlier-answer').evaluateAll((notes) =>
    notes.map((n) => ({
      item: n.closest('[data-field]')!.getAttribute('data-field') ?? '',
      note: (n.textContent ?? '').trim(),
    })),
  );
  const items = (
    await page
      .locator('.step-form input[type=radio][value=yes]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name))
  ).filter((name) => /^[a-e][0-9]$/.test(name));
  const riskYes = new Set(['a3', 'e1']);
  for (const item of items) {
    if (!riskYes.has(item) && prefilled.some((p) => p.item === item)) continue;
    await officer.answer(item, riskYes.has(item) ? 'yes' : 'no');
  }
  await officer.answer('barriers', 'V2');
  await waitForSaved(page);
  await shot(page, '06-risk-answered');
  // Room mode keeps the result folded: her one click shows it, then she submits.
  const reveal = page.locator('.risk-panel > button.room-reveal');
  if ((await reveal.count()) > 0 && (await reveal.getAttribute('aria-expanded')) === 'false')
    await officer.click(reveal, 'show the assessment (room mode)');
  const submit = page.getByRole('button', { name: "Soumettre l'évaluation" });
  await officer.click(submit, "Soumettre l'évaluation");
  await page.locator('[data-assessment="1"]').waitFor();
  const level = Number(await page.locator('.risk-result[data-risk-level]').first().getAttribute('data-risk-level'));
  if (level >= 4) {
    // At level 4 the on-duty magistrate is informed before closing.
    await officer.fill(
      page.locator('input[name="magistrateInformedAt"]'),
      `${dayAsTyped(isoDay(new Date()))} 11:40`,
      'magistrateInformedAt',
    );
    await officer.fill(
      page.locator('[name="magistrateInformedTo"]'),
      'Substitut de garde, parquet de Liège (fictif)',
      'magistrateInformedTo',
    );
  }
  await expectComplete(officer, 'risk');
  await shot(page, '06-risk');

  // 7. Measures: they live together, so the residence ban applies (answered by the people step).
  await nextStep(officer, 'measures');
  await officer.check(
    group('Interdiction temporaire de résidence : sa position').getByLabel('Elle la souhaite'),
    'residenceBanPosition=wants',
  );
  await officer.select(
    page.getByLabel('Interdiction temporaire de résidence : où elle en est'),
    'requested',
    'residenceBanState=requested',
  );
  await officer.check(
    group('Interdiction de lieu ou de contact : sa position').getByLabel('Elle la souhaite'),
    'contactBanPosition=wants',
  );
  await officer.select(
    page.getByLabel('Interdiction de lieu ou de contact : où elle en est'),
    'requested',
    'contactBanState=requested',
  );
  await officer.select(
    page.getByLabel('Adresse non communicable : où elle en est'),
    'requested',
    'addressProtectionState=requested',
  );
  await officer.check(
    group('Alarme anti-rapprochement : sa position').getByLabel('Elle la refuse'),
    'alarmPosition=refuses',
  );
  await officer.select(
    page.getByLabel('Alarme anti-rapprochement : où elle en est'),
    'notPursued',
    'alarmState=notPursued',
  );
  await expectComplete(officer, 'measures');
  await shot(page, '07-measures');

  // 8. Referrals: victim support, with her consent; the helpline she is given.
  await nextStep(officer, 'referrals');
  await officer.check(
    group('Aide proposée').getByLabel("Service d'assistance aux victimes"),
    'servicesOffered=victimSupport',
  );
  await officer.check(
    group("Elle accepte que son dossier soit transmis au service d'assistance aux victimes").getByLabel('Oui'),
    'consentVictimSupport=yes',
  );
  await officer.check(
    group("Services qui lui sont indiqués (annuaire d'aide)").getByLabel(
      /Écoute violences conjugales · 0800 30 030 · Wallonie/,
    ),
    'servicesGiven: Écoute violences conjugales',
  );
  await expectComplete(officer, 'referrals');
  await shot(page, '08-referrals');

  // 9. Statement: the draft is her account; completed in one entry, read back, approved, then closing.
  await nextStep(officer, 'statement');
  const text = page.getByLabel('Déclaration, dans la langue de la procédure');
  await page.waitForFunction(
    (start) => (document.querySelector('textarea[name="text"]') as HTMLTextAreaElement | null)?.value.startsWith(start),
    NARRATIVE.slice(0, 30),
  );
  await officer.fill(text, `${await text.inputValue()}${STATEMENT_ADDITION}`, 'statement text');
  await waitForSaved(page);
  await officer.click(
    page.getByRole('button', { name: 'Lui relire (grands caractères)' }),
    'Lui relire (grands caractères)',
  );
  await page.getByRole('region', { name: 'La déclaration, pour la relecture' }).waitFor();
  await officer.click(
    page.getByRole('button', { name: 'Elle approuve la déclaration' }),
    'Elle approuve la déclaration',
  );
  await officer.click(
    page.getByRole('button', { name: "Confirmer : elle l'a entendue ou lue et l'approuve" }),
    'Confirmer : elle l’a entendue ou lue et l’approuve',
  );
  await page.getByText(/^Approuvée le /).waitFor();
  await shot(page, '09-statement-approved');
  const closing = page.getByRole('region', { name: "Clôture de l'audition" });
  await closing.getByText('Tout ce qui est requis est complété.').waitFor();
  await officer.click(closing.getByRole('button', { name: "Clôturer l'audition" }), "Clôturer l'audition");
  await officer.click(
    page
      .getByRole('alertdialog', { name: "Clôturer l'audition ?" })
      .getByRole('button', { name: "Clôturer l'audition" }),
    "Clôturer l'audition (confirmation)",
  );
  await page.getByText('Cette audition est clôturée', { exact: false }).first().waitFor();
  await shot(page, '09-closed');

  // 10. Documents: her copy, after the review it asks for.
  officer.on('documents');
  const documentsTitle = 'Copie et documents';
  if (!(await page.locator('#step-title').getByText(documentsTitle, { exact: true }).count())) {
    await officer.click(
      page.getByRole('link', { name: `Étape suivante : ${documentsTitle} →`, exact: true }),
      `Étape suivante : ${documentsTitle}`,
    );
    await page.locator('#step-title').getByText(documentsTitle, { exact: true }).waitFor();
  }
  const panel = page.getByRole('region', { name: 'Documents', exact: true });
  await panel.waitFor();
  await shot(page, '10-documents');
  // Her copy's review loads with the step (the print button shows before it does): wait for it.
  const review = page.getByRole('region', { name: 'Relecture de sa copie' });
  const confirmReview = review.getByRole('button', { name: "J'ai lu chaque texte : confirmer la relecture" });
  const reviewed = review.getByText('Relecture enregistrée. Sa copie peut être imprimée.');
  await confirmReview.or(reviewed).or(page.getByText(REVIEW_NOT_REQUIRED)).first().waitFor();
  if ((await confirmReview.count()) > 0) {
    await officer.click(confirmReview, 'confirm the review of her copy');
    await reviewed.waitFor();
  }
  await officer.click(panel.getByRole('button', { name: 'PDF : Sa copie', exact: true }), 'PDF : Sa copie');
  await panel.getByRole('status').filter({ hasText: 'SHA-256' }).waitFor({ timeout: 60_000 });
  await shot(page, '10-documents-printed');
  return { prefilled, level };
}

/** Chromium, a browser host on a fresh data folder, the scenario, and everything stopped and removed. */
export async function benchHearingClicks(): Promise<HearingClickFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-bench-clicks-'));
  let host: RunningHost | undefined;
  let browser: Browser | undefined;
  try {
    host = await startHost(dataDir);
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await prepareOfficer(page, host.url);

    const officer = new Officer(page);
    await officer.start();
    const started = performance.now();
    const { prefilled, level } = await runScenario(officer).catch((error: unknown) => {
      // What the page threw, if anything, is most often why the scenario stopped.
      const thrown = errors.map((e) => e.message).join('; ');
      throw thrown ? new Error(`${String(error)}\nThe page threw: ${thrown}`) : error;
    });
    const seconds = (performance.now() - started) / 1000;
    officer.stop();

    // Closed and printed, as main has it, not only as the screen says.
    const hearingId = /#\/hearing\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    if (!hearingId) throw new Error(`Not on a hearing at the end: ${page.url()}`);
    const { hearing } = await call(page, 'hearings.load', { hearingId });
    if (hearing.status !== 'closed') throw new Error(`The hearing is ${hearing.status}, not closed`);
    const { documents } = await call(page, 'documents.list', { hearingId });
    if (!documents.some((d) => d.kind === 'victimCopy')) throw new Error('Her copy is not among the printed documents');
    if (errors.length > 0) throw new Error(`The page threw: ${errors.map((e) => e.message).join('; ')}`);

    const steps = STEPS.map(([step, title]) => {
      const actions = officer.counts.get(step) ?? [];
      return { step, title, interactions: actions.length, actions };
    });
    const total = steps.reduce((sum, s) => sum + s.interactions, 0);
    return {
      steps,
      total,
      target: HEARING_CLICK_TARGET,
      met: total <= HEARING_CLICK_TARGET,
      screens: {
        distinct: new Set(officer.screens).size,
        changes: officer.screens.length - 1,
        visited: officer.screens,
      },
      prefilledRiskItems: prefilled,
      riskLevel: level,
      seconds,
    };
  } finally {
    await browser?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function hearingClickLines(figures: HearingClickFigures): string[] {
  const lines = [`one hearing through the UI (issue 17), officer's interactions per step:`];
  for (const s of figures.steps)
    lines.push(
      `  ${`${STEPS.findIndex(([id]) => id === s.step) + 1}. ${s.title}`.padEnd(46)} ${String(s.interactions).padStart(4)}`,
    );
  lines.push(
    `${'hearing interactions, new hearing → closed and her copy printed'.padEnd(50)} ${figures.total} (target ${figures.target} or fewer: ${figures.met ? 'met' : 'missed'})`,
    `${'screens visited (from Mes auditions)'.padEnd(50)} ${figures.screens.distinct} distinct, ${figures.screens.changes} changes of screen`,
    `${'risk level of the submitted assessment'.padEnd(50)} ${figures.riskLevel ?? '—'}`,
    `${'risk items pre-filled from earlier steps'.padEnd(50)} ${figures.prefilledRiskItems.length === 0 ? 'none' : figures.prefilledRiskItems.map((p) => p.item.toUpperCase()).join(', ')}`,
  );
  for (const p of figures.prefilledRiskItems) lines.push(`  ${p.item.toUpperCase()}: ${p.note}`);
  // HD_CLICKS_ACTIONS=1: every counted action, step by step.
  if (process.env.HD_CLICKS_ACTIONS)
    for (const s of figures.steps) lines.push(`  ${s.title}:`, ...s.actions.map((a) => `    ${a}`));
  lines.push(`  screens in order: ${figures.screens.visited.join(' → ')}`);
  return lines;
}
