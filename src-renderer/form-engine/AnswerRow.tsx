import type { TFunction } from 'i18next';
import type { FieldDefinition } from '../../forms/definition-schema';
import { isFieldVisible, type AnswerValue, type GroupItem } from '../../forms/engine';
import type { SupportServiceView } from '../../src-main/api/contract';
import { formatDateTime, formatTime } from '../i18n';
import { describeAnswer } from './describe-answer';
import type { FieldHistoryEntry } from './fields/types';
import { definitionKey } from '../../forms/translation';

/** One question of a step read as a record, and its answer as text (a group: each item's answers). */
export function AnswerRow({
  field,
  value,
  services,
  t,
  language,
  history,
  explainedAt,
}: {
  field: FieldDefinition;
  value: AnswerValue;
  services: SupportServiceView[];
  t: TFunction;
  language: string;
  history: FieldHistoryEntry[];
  explainedAt?: number | undefined;
}) {
  const section = field.sectionKey ? <h3 className="form-section">{t(definitionKey(field.sectionKey))}</h3> : null;
  if (field.kind === 'group') {
    const items = (Array.isArray(value) ? value : []) as GroupItem[];
    return (
      <>
        {section}
        <dl className="answer group" data-field={field.id}>
          <dt>{t(definitionKey(field.labelKey))}</dt>
          <dd>
            {items.length === 0 ? <span className="no-answer">{t('answer.none')}</span> : null}
            {items.map((item, index) => (
              <div key={item.key} className="group-item" data-item={index}>
                <p className="group-item-title">{t(definitionKey(field.itemLabelKey), { number: index + 1 })}</p>
                {field.fields
                  .filter((sub) => isFieldVisible(sub, item.values))
                  .map((sub) => (
                    <AnswerRow
                      key={sub.id}
                      field={sub}
                      value={item.values[sub.id] ?? null}
                      services={services}
                      t={t}
                      language={language}
                      history={[]}
                    />
                  ))}
              </div>
            ))}
          </dd>
        </dl>
      </>
    );
  }
  return (
    <>
      {section}
      <dl className="answer" data-field={field.id} data-value={value === null ? '' : JSON.stringify(value)}>
        <dt>{t(definitionKey(field.labelKey))}</dt>
        <dd className={field.kind === 'longText' ? 'long-text' : undefined}>
          {value === null ? (
            <span className="no-answer">{t('answer.none')}</span>
          ) : (
            describeAnswer(field, value, services, t)
          )}
        </dd>
        {explainedAt !== undefined ? (
          <dd className="explained-at" data-explained-at={field.id}>
            {t('rights.explainedAt', { time: formatTime(explainedAt, language) })}
          </dd>
        ) : null}
        {history.length > 0 ? (
          <dd className="field-history">
            {t('answer.history.title', { count: history.length })}:{' '}
            {history
              .map((h) =>
                t('answer.history.entry', {
                  value: describeAnswer(field, h.value ?? '', services, t),
                  name: h.byName,
                  time: formatDateTime(h.at, language),
                }),
              )
              .join(' → ')}
          </dd>
        ) : null}
      </dl>
    </>
  );
}
