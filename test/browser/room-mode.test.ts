import os from 'node:os';
import path from 'node:path';
import OFFICER_FR from '../../forms/catalogs/officer/fr.json';
import VICTIM_AR from '../../forms/catalogs/victim/ar.json';
import VICTIM_FR from '../../forms/catalogs/victim/fr.json';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../../forms/definition-schema';
import { RIGHTS } from '../../forms/definitions/rights.v1';
import { promptFieldId } from '../../forms/digital/prompts';
import { formRegistry } from '../../forms/registry';
import { itemFieldId, sourceFieldId } from '../../forms/risk/risk-form';
import { isReadAloud } from '../../src-renderer/features/room/read-aloud';
import { completeHearing, saveStep } from '../helpers/complete-hearing';
import { expectAccessible } from './axe';
import { useBrowserHost } from './fixtures';
import { account } from './pages/accounts';
import { HearingPage } from './pages/hearing';

/** Invented people. */
const OFFICER = account('officer', 'r.officer', 'Rania Fictive');
const STATEMENT = 'Je soussignée Inès Fictive déclare : il est arrivé vers 22 h.\nIl a pris mon téléphone. (fictif)';

/** A text of the French officer catalog at a dotted key. */
function officerText(key: string): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], OFFICER_FR);
  if (typeof text !== 'string') throw new Error(`No French officer text at ${key}`);
  return text;
}

/** What of a text must show on screen: the longest stretch between its placeholders. */
function shownPart(text: string): string {
  return text
    .split(/\{\{\w+\}\}/)
    .map((part) => part.trim())
    .sort((a, b) => b.length - a.length)[0]!;
}

/** The officer's texts beside a question: why it is asked, its help, its guidance (not the words said to her). */
function guidanceOf(field: FieldDefinition): string[] {
  return [
    ...(field.helpKey ? [field.helpKey] : []),
    ...(field.guidance ?? []).filter((g) => !isReadAloud(g.labelKey)).map((g) => g.textKey),
  ].map((key) => shownPart(officerText(key)));
}

/** The words to read aloud beside a question, which room mode leaves in view. */
function readAloudOf(field: FieldDefinition): string[] {
  return (field.guidance ?? []).filter((g) => isReadAloud(g.labelKey)).map((g) => officerText(g.textKey));
}

/** Every step's officer texts, from the definitions the hearing is taken under. */
const GUIDANCE = formRegistry.steps.flatMap((formId) =>
  formRegistry
    .latest(formId)!
    .fields.flatMap((field) => [
      ...guidanceOf(field),
      ...(field.kind === 'group' ? field.fields.flatMap(guidanceOf) : []),
    ]),
);

/** The risk result as the catalog words it: the level, red flags and signals with their names, their headings. */
const RISK = OFFICER_FR.risk;
const RISK_RESULT = [
  RISK.result.level,
  RISK.result.redFlags,
  RISK.result.digitalSignals,
  OFFICER_FR.digital.signals.title,
  ...Object.values(RISK.level),
  ...Object.entries(RISK.flags).map(([id, name]) => `${id} ${name}`),
  ...Object.entries(RISK.signals).map(([id, name]) => `${id} ${name}`),
  ...Object.entries(OFFICER_FR.digital.signals)
    .filter(([key]) => key !== 'title')
    .map(([, text]) => shownPart(text)),
].map(shownPart);

/** What the window shows: the page's visible text, as a person reads it. */
const visibleText = (page: Page) => page.locator('body').innerText();

describe('room mode: what she sees is chosen', () => {
  const app = useBrowserHost({ name: 'room', units: ['Brigade fictive'], users: [OFFICER] });
  const hearing = () => new HearingPage(app.page);
  let hearingId = '';

  /** Goes to a step by its form id and waits until what it loads beside its questions is on screen. */
  async function openStep(formId: string): Promise<void> {
    await hearing().open(formId);
    await app.page.locator(`nav.steps a[href$="/${formId}"][aria-current="step"]`).waitFor();
    await app.page.locator('#step-title').waitFor();
    if (formId === 'risk')
      await app.page.locator('.risk-panel > button.room-reveal, .risk-panel .risk-result').first().waitFor();
    if (formId === 'digital') await app.page.locator('.digital-panel').waitFor();
    if (formId === 'statement') await app.page.locator('.statement-panel').waitFor();
  }

  /** The officer's texts of the questions on screen now (those their conditions show). */
  async function guidanceOnScreen(formId: string): Promise<string[]> {
    const shown = new Set(
      await app.page
        .locator('.step-form [data-field]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-field'))),
    );
    return formRegistry
      .latest(formId)!
      .fields.flatMap((field) => [
        ...(shown.has(field.id) ? guidanceOf(field) : []),
        ...(field.kind === 'group'
          ? field.fields
              .filter((sub) =>
                [...shown].some((name) => name?.startsWith(`${field.id}.`) && name.endsWith(`.values.${sub.id}`)),
              )
              .flatMap(guidanceOf)
          : []),
      ]);
  }

  it('is on from the start, said in the top bar, with its shortcut', async () => {
    // A hearing with something in every step: strangulation (a red flag), a tracker (a signal), her statement.
    hearingId = await completeHearing({
      risk: { [itemFieldId('A3')]: 'yes' },
      digital: { [promptFieldId('G1.3')]: 'yes' },
    }).take(app.api, { until: 'answered' });
    await saveStep(app.api, hearingId, 'statement', { text: STATEMENT });
    await app.goto(`hearing/${hearingId}/setup`);
    const toggle = app.page.getByRole('button', { name: officerText('room.mode') });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await toggle.getAttribute('aria-keyshortcuts')).toBe('F2');
    expect(await toggle.innerText()).toContain(officerText('room.on').toUpperCase());
    // Enough of the catalogs is checked for the absences below to mean something.
    expect(GUIDANCE.length).toBeGreaterThan(100);
  });

  it('shows none of the guidance or the risk result on any step, then each on the officer’s click', async () => {
    const steps = formRegistry.steps;
    for (const formId of steps) {
      await openStep(formId);
      const text = await visibleText(app.page);
      for (const hidden of [...GUIDANCE, ...RISK_RESULT]) expect(text, `${formId}: ${hidden}`).not.toContain(hidden);

      // One click per question shows its guidance.
      const expected = await guidanceOnScreen(formId);
      const reveals = app.page.locator('.step-form button.room-reveal[aria-expanded="false"]');
      while ((await reveals.count()) > 0) await reveals.first().click();
      const revealed = await visibleText(app.page);
      for (const shown of expected) expect(revealed, `${formId}: ${shown}`).toContain(shown);
      if (formId === 'setup' || formId === 'digital')
        await expectAccessible(app.page, `${formId} step in room mode, revealed`);
    }
  });

  it('keeps the words to read aloud in view, and reveals the signals and the assessment on one click each', async () => {
    await openStep('digital');
    const form = formRegistry.latest('digital')!;
    const text = await visibleText(app.page);
    const readAloud = form.fields.filter((f) => f.id === promptFieldId('G1.3')).flatMap(readAloudOf);
    expect(readAloud.length).toBe(1);
    for (const words of readAloud) expect(text).toContain(words);
    const signals = app.page.getByRole('button', { name: officerText('room.showSignals') });
    expect(await signals.getAttribute('aria-expanded')).toBe('false');
    await signals.click();
    expect(await signals.getAttribute('aria-expanded')).toBe('true');
    expect(await visibleText(app.page)).toContain(`R1 ${RISK.signals.R1}`);

    await openStep('risk');
    // Each risk question has its words for her too, in view while the officer's guidance waits.
    const riskWords = formRegistry
      .latest('risk')!
      .fields.filter((f) => f.id === itemFieldId('A3'))
      .flatMap(readAloudOf);
    expect(riskWords.length).toBe(1);
    const riskText = await visibleText(app.page);
    for (const words of riskWords) expect(riskText).toContain(words);
    const assessment = app.page.getByRole('button', { name: officerText('room.showAssessment') });
    expect(await assessment.getAttribute('aria-expanded')).toBe('false');
    await assessment.click();
    const result = await visibleText(app.page);
    expect(result).toContain(RISK.result.level);
    expect(result).toContain(`RF1 ${RISK.flags.RF1}`);
    expect(result).toContain(RISK.result.redFlags);
    expect(result).toMatch(new RegExp(Object.values(RISK.level).join('|')));
    await expectAccessible(app.page, 'risk step in room mode, revealed');
  });

  it('loses nothing typed when toggled, and shows everything with room mode off (F2)', async () => {
    // From another step: the risk step opens collapsed, whatever was revealed on it before.
    await openStep('measures');
    await openStep('risk');
    await app.page.getByRole('button', { name: officerText('room.showAssessment') }).click();
    const judgement = app.page.getByRole('region', { name: RISK.judgement.title });
    // Strangulation sets a floor of HIGH: lowering is always open to ask for.
    await judgement.getByLabel(RISK.judgement.lower).check();
    await judgement.getByLabel(RISK.judgement.reason).fill('Motivation fictive, en cours de rédaction.');

    // Off: every text shows as without room mode, no button in the way.
    await app.page.keyboard.press('F2');
    const toggle = app.page.getByRole('button', { name: officerText('room.mode') });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await app.page.locator('button.room-reveal').count()).toBe(0);
    const off = await visibleText(app.page);
    for (const shown of await guidanceOnScreen('risk')) expect(off).toContain(shown);
    expect(off).toContain(`RF1 ${RISK.flags.RF1}`);
    expect(await judgement.getByLabel(RISK.judgement.reason).inputValue()).toBe(
      'Motivation fictive, en cours de rédaction.',
    );

    // On again: everything revealed before is collapsed again; what was typed waits behind it.
    await app.page.keyboard.press('F2');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const on = await visibleText(app.page);
    for (const hidden of [...GUIDANCE, ...RISK_RESULT]) expect(on, hidden).not.toContain(hidden);
    await app.page.getByRole('button', { name: officerText('room.showAssessment') }).click();
    expect(await judgement.getByLabel(RISK.judgement.reason).inputValue()).toBe(
      'Motivation fictive, en cours de rédaction.',
    );

    // The button in the top bar does what the key does.
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
  });

  it('turns her rights to her, full screen, in Arabic and large type; Escape returns to the officer', async () => {
    await openStep('rights');
    const open = app.page.getByRole('button', { name: officerText('room.victimView.rights') });
    await open.click();
    const dialog = app.page.getByRole('dialog', { name: VICTIM_AR.sections.rights });
    await dialog.waitFor();
    const text = await dialog.innerText();
    for (const right of RIGHTS) {
      expect(text).toContain(VICTIM_AR.rights[right]);
      // The procedure language's text beside hers, smaller, for the officer and the interpreter.
      expect(text).toContain(VICTIM_FR.rights[right]);
    }
    const box = await dialog.boundingBox();
    const viewport = app.page.viewportSize()!;
    expect(box).toMatchObject({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    const size = await dialog
      .locator(`p[lang="ar"]`, { hasText: VICTIM_AR.rights.interpreter })
      .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
    expect(await dialog.locator('[lang="ar"]').first().getAttribute('dir')).toBe('rtl');
    // The keyboard is in her screen, not behind it.
    expect(await app.page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    // Nothing of the officer's screen shows through: wherever she looks, it is her screen.
    const covered = await app.page.evaluate(({ width, height }) => {
      const points = [0.1, 0.5, 0.9].flatMap((x) => [0.1, 0.5, 0.9].map((y) => [x * width, y * height] as const));
      return points.every(([x, y]) => document.elementFromPoint(x, y)?.closest('dialog') !== null);
    }, viewport);
    expect(covered).toBe(true);
    await expectAccessible(app.page, 'her rights, full screen');

    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await app.page.evaluate(() => document.activeElement?.textContent)).toBe(
      officerText('room.victimView.rights'),
    );
  });

  it('reads her statement back to her full screen, as typed, with a clear way back', async () => {
    await openStep('statement');
    await app.page.getByRole('button', { name: officerText('room.victimView.statement') }).click();
    const dialog = app.page.getByRole('dialog', { name: VICTIM_AR.sections.statement });
    await dialog.waitFor();
    const text = await dialog.innerText();
    for (const line of STATEMENT.split('\n')) expect(text).toContain(line);
    // Said in her language: the text is the procedure language's, as typed.
    expect(text).toContain(VICTIM_AR.copy.typedInProcedureLanguage.replace('{{language}}', VICTIM_FR.meta.name));
    const size = await dialog
      .locator('.victim-screen-statement p')
      .first()
      .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
    await expectAccessible(app.page, 'her statement, full screen');
    await dialog.getByRole('button', { name: officerText('room.victimView.close') }).click();
    await dialog.waitFor({ state: 'detached' });
    await app.page.getByRole('button', { name: officerText('statement.approve') }).waitFor();
  });

  it('keeps an answer from police records about other victims behind a button that says nothing of it', async () => {
    // D4 from police records: the suspect's violence towards earlier partners, other victims.
    await saveStep(app.api, hearingId, 'risk', { [itemFieldId('D4')]: 'yes', [sourceFieldId('D4')]: 'policeRecords' });
    await app.page.reload();
    await openStep('risk');
    const d4 = app.page.locator(`[data-field="${itemFieldId('D4')}"]`);
    expect(await d4.isVisible()).toBe(false);
    const text = await visibleText(app.page);
    expect(text).not.toContain(RISK.items.D4.label);
    // Her own question, D3, is still there: only the records' answer waits.
    expect(await app.page.locator(`[data-field="${itemFieldId('D3')}"]`).isVisible()).toBe(true);
    const reveal = app.page.getByRole('button', { name: officerText('room.showOfficerAnswer') });
    expect(await reveal.count()).toBe(1);
    expect(await reveal.getAttribute('aria-expanded')).toBe('false');
    await reveal.scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: path.join(os.tmpdir(), 'hd16-room-answer-about-other-victims-fr.png') });
    await reveal.click();
    expect(await d4.isVisible()).toBe(true);
    expect(await d4.locator('input[value="yes"]').isChecked()).toBe(true);
    expect(await app.page.locator(`[data-field="${sourceFieldId('D4')}"] select`).inputValue()).toBe('policeRecords');
    await expectAccessible(app.page, 'risk step in room mode, an answer about other victims revealed');
    // Room mode off and on again: hidden again.
    await app.page.keyboard.press('F2');
    expect(await d4.isVisible()).toBe(true);
    await app.page.keyboard.press('F2');
    expect(await d4.isVisible()).toBe(false);
  });
});
