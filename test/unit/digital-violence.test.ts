import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '../../forms/definition-schema';
import { digitalV1 } from '../../forms/digital/digital-form';
import type { Answers } from '../../forms/engine';
import { codesForFacts, factDays, suggestOffences } from '../../forms/digital/offences';
import de from '../../forms/catalogs/officer/de.json';
import en from '../../forms/catalogs/officer/en.json';
import fr from '../../forms/catalogs/officer/fr.json';
import nl from '../../forms/catalogs/officer/nl.json';
import { translator } from '../../forms/translation';
import { DIGITAL_HEADINGS, DIGITAL_PROMPTS, headingOf } from '../../forms/digital/prompts';
import { evaluateRisk, type RiskInput } from '../../forms/risk/evaluate';
import { riskRegistry } from '../../forms/risk/registry';
import { riskInputFromAnswers } from '../../forms/risk/risk-form';
import { digitalStepAnswers, RISK_VERSION, riskStepAnswers } from '../helpers/risk-answers';
import { openTestCore, seedAccounts, type TestCore } from '../helpers/temp-core';

const v2 = riskRegistry.get(2)!;

/** Everything answered no, then the given digital prompts. */
function inputWith(
  digital: Record<string, 'yes' | 'no' | 'unsure' | 'declined'>,
  risk: Record<string, 'yes'> = {},
): RiskInput {
  return riskInputFromAnswers(
    v2,
    riskStepAnswers(risk) as Partial<Answers>,
    { formsOfViolence: ['psychological'] },
    digitalStepAnswers(digital) as Partial<Answers>,
  );
}

describe('the digital-violence catalogue', () => {
  it('asks the 36 prompts of headings G0 to G9, each required before closing, with its why and its plain wording', () => {
    expect(DIGITAL_PROMPTS).toHaveLength(36);
    expect(new Set(DIGITAL_PROMPTS.map((p) => headingOf(p.id)))).toEqual(new Set(DIGITAL_HEADINGS));
    const answers = formDefinitionSchema.parse(digitalV1).fields.filter((f) => /^g\d\d$/.test(f.id));
    expect(answers).toHaveLength(36);
    for (const field of answers) {
      expect(field).toMatchObject({
        kind: 'singleChoice',
        requiredToClose: true,
        helpKey: expect.stringMatching(/\.why$/),
      });
      expect(field.guidance?.[0]?.textKey).toMatch(/\.plain$/);
      expect((field as { options: { value: string }[] }).options.map((o) => o.value)).toEqual([
        'yes',
        'no',
        'unsure',
        'declined',
      ]);
    }
  });
});

describe('offence suggestions, by the date of the facts', () => {
  it('gives the former numbering until 8 April 2026, and "to confirm" for facts from 9 April 2026', () => {
    expect(suggestOffences(['stalking', 'voyeurism'], ['2026-04-08'])).toEqual([
      { offence: 'stalking', code: 'formerCode', articleKey: 'digital.offences.articles.formerCode.stalking' },
      { offence: 'voyeurism', code: 'formerCode', articleKey: 'digital.offences.articles.formerCode.voyeurism' },
    ]);
    // The new Criminal Code's numbers are not in the table: never an old number for new facts.
    expect(suggestOffences(['stalking'], ['2026-04-09'])).toEqual([
      { offence: 'stalking', code: 'newCode', articleKey: null },
    ]);
  });

  it('shows both codes when the period straddles the change or the date is unknown', () => {
    expect(codesForFacts(factDays({ from: '2026-03-01', to: '2026-05-01' })).map((c) => c.id)).toEqual([
      'formerCode',
      'newCode',
    ]);
    expect(codesForFacts(factDays({ about: 'last spring' })).map((c) => c.id)).toEqual(['formerCode', 'newCode']);
    expect(factDays({ on: '2026-11-21' })).toEqual(['2026-11-21']);
    expect(factDays('not a period')).toEqual([]);
  });

  it('names an offence for every prompt that points to one, in every code', () => {
    const offences = new Set(DIGITAL_PROMPTS.flatMap((p) => p.offences));
    for (const offence of offences)
      expect(suggestOffences([offence], ['2026-01-01'])[0]?.articleKey, offence).toBe(
        `digital.offences.articles.formerCode.${offence}`,
      );
  });

  it("gives each article in the officer's language, with no English in French, Dutch or German", () => {
    const catalogs = { fr, nl, de, en } as const;
    const english = /\b(to|law of|June)\b/;
    for (const offence of new Set(DIGITAL_PROMPTS.flatMap((p) => p.offences))) {
      const key = suggestOffences([offence], ['2026-01-01'])[0]!.articleKey!;
      for (const [language, catalog] of Object.entries(catalogs)) {
        const text = translator(language, catalog)(key);
        expect(text, `${language} ${key}`).toMatch(/^art\. /i);
        if (language !== 'en') expect(text, `${language} ${key}`).not.toMatch(english);
      }
    }
    const t = (language: string, catalog: object) => translator(language, catalog);
    expect(t('fr', fr)('digital.offences.articles.formerCode.threats')).toBe('art. 327 à 331 C. pén.');
    expect(t('nl', nl)('digital.offences.articles.formerCode.electronicHarassment')).toBe(
      'art. 145, §3bis, van de wet van 13 juni 2005',
    );
    expect(t('de', de)('digital.offences.articles.formerCode.threats')).toBe('Art. 327 bis 331 StGB');
  });
});

describe('the digital answers in the risk tool (definition v2)', () => {
  it('answers B6 to B8 from the prompts: yes from any prompt, unknown when unsure, no when all are no', () => {
    const result = evaluateRisk(v2, inputWith({ 'G1.3': 'yes', 'G5.2': 'unsure' }));
    expect(result.digitalItems).toEqual([
      { item: 'B6', answer: 'yes', prompts: ['G1.3'] },
      { item: 'B7', answer: 'no', prompts: v2.digitalItems!['B7'] },
      { item: 'B8', answer: 'unknown', prompts: v2.digitalItems!['B8'] },
    ]);
    expect(result.drivers.find((d) => d.item === 'B6')).toEqual({ item: 'B6', weight: 2 });
    // Unanswered prompts leave the items unanswered: the assessment cannot be submitted yet.
    expect(
      evaluateRisk(v2, riskInputFromAnswers(v2, riskStepAnswers() as Partial<Answers>, {}, {})).unanswered,
    ).toEqual(['B6', 'B7', 'B8']);
  });

  it.each([
    ['R1 a tracker: raised to HIGH', { 'G1.3': 'yes' }, 3, ['R1']],
    ['R2 threats: raised to HIGH', { 'G6.2': 'yes' }, 3, ['R2']],
    ['R3 a threat to share images: one level', { 'G5.2': 'yes' }, 2, ['R3']],
    ['R4 stalkerware: one level and communications compromised', { 'G2.1': 'yes' }, 2, ['R4']],
    ['R7 a hidden camera: one level', { 'G1.5': 'yes' }, 2, ['R7']],
    ['R8 harassment: a flag only', { 'G6.1': 'yes' }, 1, ['R8']],
    ['R10 banking control alone: a flag only', { 'G4.1': 'yes' }, 1, ['R10']],
    ['one-level raises do not stack', { 'G5.2': 'yes', 'G2.1': 'yes', 'G1.5': 'yes' }, 2, ['R3', 'R4', 'R7']],
    [
      'R6 and R10 raise one level together with R1',
      { 'G1.3': 'yes', 'G7.1': 'yes', 'G4.1': 'yes' },
      4,
      ['R1', 'R6', 'R10'],
    ],
  ] as const)('%s', (_name, digital, level, signals) => {
    const result = evaluateRisk(v2, inputWith(digital as Record<string, 'yes'>));
    expect(result.level).toBe(level);
    expect(result.digitalSignals.map((s) => s.id)).toEqual(signals);
    for (const step of result.steps.filter((s) => s.rule === 'signal'))
      expect(step.items.every((i) => /^G\d\.\d$/.test(i))).toBe(true);
  });

  it('the acceptance hearing: tracker in the car, threat to publish, banking app controlled; each signal names its prompt', () => {
    const result = evaluateRisk(v2, inputWith({ 'G1.3': 'yes', 'G5.2': 'yes', 'G4.1': 'yes' }));
    expect(result.digitalSignals).toEqual([
      { id: 'R1', effect: 'raiseToHigh', prompts: ['G1.3'] },
      { id: 'R3', effect: 'raiseOne', prompts: ['G5.2'] },
      { id: 'R10', effect: 'flag', flag: 'financialControl', prompts: ['G4.1'] },
    ]);
    expect(result.steps.filter((s) => s.rule === 'signal')).toEqual([
      { rule: 'signal', from: 1, to: 3, items: ['G1.3'], flags: ['R1'] },
      { rule: 'signal', from: 3, to: 4, items: ['G5.2', 'G4.1'], flags: ['R3', 'R10'] },
    ]);
  });

  it('version 1 assessments ignore the digital answers: an old assessment re-evaluates as it was', () => {
    const v1 = riskRegistry.get(1)!;
    const input: RiskInput = {
      ...inputWith({ 'G1.3': 'yes' }),
      answers: { ...inputWith({}).answers, B6: { answer: 'no' }, B7: { answer: 'no' }, B8: { answer: 'no' } },
    };
    expect(evaluateRisk(v1, input).level).toBe(1);
  });
});

describe('closing a hearing with the digital step', () => {
  let t: TestCore;
  let hearingId: string;
  beforeEach(async () => {
    t = await openTestCore();
    await seedAccounts(t);
    hearingId = (await t.ok('officer-window', 'hearings.create', {})).hearing.id;
  });
  afterEach(() => t.close());

  it('refuses while a heading is unanswered, naming each prompt left', async () => {
    const answers = digitalStepAnswers();
    delete answers['g93'];
    await t.ok('officer-window', 'hearings.saveAnswers', {
      hearingId,
      formId: 'digital',
      changes: Object.entries(answers).map(([fieldId, value]) => ({ fieldId, value: value as never, baseRevision: 0 })),
    });
    const refused = await t.core.dispatcher.dispatch('officer-window', 'hearings.close', { hearingId });
    expect(refused.ok).toBe(false);
    const fields = refused.ok ? [] : (refused.error.fields ?? []);
    expect(fields.filter((f) => f.startsWith('digital:'))).toEqual(['digital:g93']);
    // The tool a new hearing is assessed with answers its digital items from this step.
    expect(Object.keys(riskRegistry.get(RISK_VERSION)!.digitalItems ?? {})).toEqual(['B6', 'B7', 'B8']);
  });
});
