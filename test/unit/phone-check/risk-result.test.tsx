import type { TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../forms/engine';
import { evaluateRisk, type RiskResult } from '../../../forms/risk/evaluate';
import { riskInputFromAnswers } from '../../../forms/risk/risk-form';
import { riskV3 } from '../../../forms/risk/risk.v3';
import { riskDefinitionSchema } from '../../../forms/risk/risk-definition';
import { officerText, OFFICER_CATALOGS } from '../../../src-main/documents/officer-text';
import { RiskResultView } from '../../../src-renderer/features/risk/RiskResultView';
import { digitalStepAnswers, riskStepAnswers } from '../../helpers/risk-answers';

const v3 = riskDefinitionSchema.parse(riskV3);

/** Everything answered no, the given digital prompts yes, and the phone check's High sign. */
function resultWith(digital: Record<string, 'yes'>): RiskResult {
  const input = riskInputFromAnswers(
    v3,
    riskStepAnswers({}) as Partial<Answers>,
    { formsOfViolence: ['psychological'] },
    digitalStepAnswers(digital) as Partial<Answers>,
  );
  return evaluateRisk(v3, { ...input, facts: { ...input.facts, deviceCheckHigh: true } });
}

/** The risk result as the officer reads it, through the officer catalog (a missing key throws). */
function text(result: RiskResult, language: string): string {
  const t = officerText(language) as unknown as TFunction;
  return renderToStaticMarkup(<RiskResultView result={result} t={t} />)
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#x27;', "'")
    .replace(/\s+/g, ' ');
}

describe('the risk result, R11 raised by the phone check', () => {
  it('says the check of her phone fed R11, in the list of signals and in the rule that raised the level', () => {
    const result = resultWith({});
    expect(result.digitalSignals.map((s) => s.id)).toEqual(['R11']);
    expect(result.steps.find((s) => s.rule === 'signal')).toMatchObject({ items: [], flags: ['R11'] });
    const fr = text(result, 'fr');
    expect(fr).toContain(
      'R11 la vérification du téléphone a trouvé un signe élevé (vérification du téléphone : signe élevé)',
    );
    expect(fr).toContain('Signal numérique R11 (vérification du téléphone : signe élevé) :');
    // Nothing answered yes: the score says so, without brackets.
    expect(fr).toContain("Score 0, aucune question n'a reçu la réponse oui : 1 STANDARD.");
    for (const language of Object.keys(OFFICER_CATALOGS)) expect(text(result, language)).not.toMatch(/\(\s*\)/);
  });

  it('names the prompt and the fact together when both raised the level', () => {
    const fr = text(resultWith({ 'G2.1': 'yes' }), 'fr');
    expect(fr).toContain('Signal numérique R4, R11 (G2.1, vérification du téléphone : signe élevé) :');
  });
});
