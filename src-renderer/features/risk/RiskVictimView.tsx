import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELDS } from '../../../forms/answers';
import type { Answers } from '../../../forms/engine';
import type { RiskDefinition } from '../../../forms/risk/risk-definition';
import type { RiskState } from './risk-state';
import { definitionKey } from '../../../forms/translation';

/** Her own view, as she gave it: the items she answers herself, and her other worries in her words. */
export function RiskVictimView({
  definition,
  input,
  riskAnswers,
}: {
  definition: RiskDefinition;
  input: RiskState['input'];
  riskAnswers: Partial<Answers>;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const otherWorries = riskAnswers[FIELDS.risk.otherWorries];
  return (
    <section className="victim-view" aria-labelledby={`${ids}-victim`}>
      <h4 id={`${ids}-victim`}>{t('risk.result.victimView')}</h4>
      <ul>
        {definition.victimViewItems.map((item) => (
          <li key={item}>
            {t(definitionKey(`risk.items.${item}.short`))}
            {t('form.colon')}{' '}
            <strong>
              {input.answers[item]?.answer ? t(`answer.${input.answers[item]!.answer}`) : t('risk.result.notAnswered')}
            </strong>
          </li>
        ))}
        <li>
          {t('risk.otherWorries.short')}
          {t('form.colon')}{' '}
          {typeof otherWorries === 'string' && otherWorries ? <q>{otherWorries}</q> : t('risk.result.notAnswered')}
        </li>
      </ul>
    </section>
  );
}
