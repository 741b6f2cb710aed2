import type { TFunction } from 'i18next';
import type { RiskResult, RiskStep } from '../../../forms/risk/evaluate';
import { definitionKey } from '../../../forms/translation';

/** Never a bare number: the level, then each rule that set it and the items behind it. */
export function RiskResultView({ result, t }: { result: RiskResult; t: TFunction }) {
  // Risk items with their short name; digital-violence prompts (G1.3) by their id, named below.
  const itemNames = (items: string[]) =>
    items.map((i) => (/^G\d\.\d$/.test(i) ? i : `${i} ${t(definitionKey(`risk.items.${i}.short`))}`));
  const itemList = (items: string[]) => itemNames(items).join(', ');
  // What fed a digital signal: the prompts answered yes, and a fact in words (R11: the phone check).
  const factNames = (signalIds: string[]) =>
    result.digitalSignals
      .filter((signal) => signalIds.includes(signal.id))
      .flatMap((signal) => (signal.facts ?? []).map((fact) => t(`risk.signalFacts.${fact}`)));
  // A signal's step lists its prompts, and never empty brackets when a fact raised it.
  const stepItems = (step: RiskStep) =>
    step.rule === 'signal'
      ? [...itemNames(step.items), ...factNames(step.flags ?? [])].join(', ')
      : itemList(step.items);
  return (
    <div className={`risk-result level-${result.level}`} data-risk-level={result.level}>
      <p className="risk-level">
        {t('risk.result.level')} <strong>{t(`risk.level.${result.level}`)}</strong>
        {result.level !== result.computedLevel
          ? ` (${t('risk.result.computed', { level: t(`risk.level.${result.computedLevel}`) })})`
          : null}
      </p>
      {result.unanswered.length > 0 ? (
        <p className="notice" role="note">
          {t('risk.result.provisional', { count: result.unanswered.length })}
        </p>
      ) : null}
      {result.uncertainty.insufficient ? (
        <p className="notice warning" role="note">
          {t('risk.result.insufficient', { items: itemList(result.uncertainty.items) })}
        </p>
      ) : null}
      <ul className="risk-reasons" aria-label={t('risk.result.why')}>
        {result.steps.map((step, i) => (
          <li key={i} data-rule={step.rule}>
            {/* No item answered yes: the score says so rather than showing empty brackets. */}
            {t(step.rule === 'score' && step.items.length === 0 ? 'risk.rules.scoreNone' : `risk.rules.${step.rule}`, {
              from: t(`risk.level.${step.from}`),
              to: t(`risk.level.${step.to}`),
              items: stepItems(step),
              flags: (step.flags ?? []).join(', '),
              score: result.score,
            })}
          </li>
        ))}
      </ul>
      {result.redFlags.length > 0 ? (
        <div className="red-flags">
          <p>{t('risk.result.redFlags')}</p>
          <ul>
            {result.redFlags.map((flag) => (
              <li key={flag.id} data-red-flag={flag.id}>
                <strong>{flag.id}</strong> {t(definitionKey(`risk.flags.${flag.id}`))} ({itemList(flag.items)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.digitalSignals.length > 0 ? (
        <div className="digital-signals">
          <p>{t('risk.result.digitalSignals')}</p>
          <ul>
            {result.digitalSignals.map((signal) => (
              <li key={signal.id} data-signal={signal.id}>
                <strong>{signal.id}</strong> {t(definitionKey(`risk.signals.${signal.id}`))} (
                {[...signal.prompts, ...factNames([signal.id])].join(', ')}) · {t(`risk.signalEffect.${signal.effect}`)}
              </li>
            ))}
          </ul>
          {result.digitalSignals
            .filter((signal) => signal.flag)
            .map((signal) => (
              <p key={signal.flag} className="notice warning" role="note" data-flag={signal.flag}>
                {t(definitionKey(`digital.signals.${signal.flag}`))}
              </p>
            ))}
        </div>
      ) : null}
      {result.digitalItems.length > 0 ? (
        <p>
          {t('risk.result.fromDigital', {
            items: result.digitalItems
              .map(
                (d) =>
                  `${d.item} ${t(definitionKey(`risk.items.${d.item}.short`))}${t('form.colon')} ${t(`answer.${d.answer}`)} (${d.prompts.join(', ')})`,
              )
              .join(t('form.listSeparator')),
          })}
        </p>
      ) : null}
      {result.uncertainty.items.length > 0 && !result.uncertainty.insufficient ? (
        <p>{t('risk.result.uncertainItems', { items: itemList(result.uncertainty.items) })}</p>
      ) : null}
      {result.barriers.length > 0 ? (
        <p>
          {t('risk.result.barriers', {
            barriers: result.barriers.map((b) => t(definitionKey(`risk.barriers.${b}`))).join(t('form.listSeparator')),
          })}
        </p>
      ) : null}
      <p>
        {result.reassessWithinHours > 72
          ? t('risk.result.reassessDays', { count: Math.round(result.reassessWithinHours / 24) })
          : t('risk.result.reassess', { count: result.reassessWithinHours })}
      </p>
      <div className="risk-measures">
        <p>{t('risk.result.procedure')}</p>
        <ul>
          {result.procedureKeys.map((key) => (
            <li key={key}>{t(definitionKey(key))}</li>
          ))}
        </ul>
        <p>{t('risk.result.measures')}</p>
        <ul>
          {result.measures.map((m) => (
            <li key={m}>{t(definitionKey(`risk.measures.${m}`))}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
