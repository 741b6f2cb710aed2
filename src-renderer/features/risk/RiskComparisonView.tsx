import type { TFunction } from 'i18next';
import type { RiskComparison } from '../../../forms/risk/evaluate';
import { definitionKey } from '../../../forms/translation';

/** What changed since the assessment before: the level, red flags that appeared or went, each item's answer. */
export function RiskComparisonView({ comparison, t }: { comparison: RiskComparison; t: TFunction }) {
  return (
    <div className="risk-comparison">
      <p>
        {t('risk.history.sincePrevious', {
          from: t(`risk.level.${comparison.levelFrom}`),
          to: t(`risk.level.${comparison.levelTo}`),
        })}
      </p>
      {comparison.newRedFlags.length > 0 ? (
        <p className="new-red-flags">
          <strong>
            {t('risk.history.newRedFlags', {
              flags: comparison.newRedFlags
                .map((f) => `${f} ${t(definitionKey(`risk.flags.${f}`))}`)
                .join(t('form.listSeparator')),
            })}
          </strong>
        </p>
      ) : null}
      {comparison.goneRedFlags.length > 0 ? (
        <p>{t('risk.history.goneRedFlags', { flags: comparison.goneRedFlags.join(', ') })}</p>
      ) : null}
      {comparison.changedItems.length > 0 ? (
        <ul>
          {comparison.changedItems.map((c) => (
            <li key={c.item}>
              {t('risk.history.changedItem', {
                item: `${c.item} ${t(definitionKey(`risk.items.${c.item}.short`))}`,
                from: c.from ? t(`answer.${c.from}`) : '—',
                to: c.to ? t(`answer.${c.to}`) : '—',
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('risk.history.noChangedItems')}</p>
      )}
    </div>
  );
}
