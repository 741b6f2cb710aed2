import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldDefinition, FormDefinition, SimpleFieldDefinition } from '../../forms/definition-schema';
import { isFieldVisible, type Answers, type AnswerValue, type GroupItem } from '../../forms/engine';
import type { SupportServiceView } from '../../src-main/api/contract';
import { formatDateTime, formatTime } from '../i18n';
import type { FieldHistoryEntry } from './fields/types';

interface ReadOnlyStepProps {
  form: FormDefinition;
  answers: Partial<Answers>;
  services?: SupportServiceView[];
  history?: FieldHistoryEntry[];
  /** When each answer was stored: a right explained to her keeps its time on the record. */
  savedAt?: Record<string, number>;
}

/**
 * A step as a record, for a closed hearing or a supervisor's reading: each question and its
 * answer as text, from the same definition as the form. Nothing on it accepts input, and it
 * reads better than greyed-out controls (and opens faster than hundreds of them).
 */
export function ReadOnlyStep({ form, answers, services = [], history = [], savedAt = {} }: ReadOnlyStepProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="step-form read-only" aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1}>
        {t(form.titleKey)}
      </h2>
      <div>
        {form.fields
          .filter((field) => isFieldVisible(field, answers))
          .map((field) => (
            <AnswerRow
              key={field.id}
              field={field}
              value={answers[field.id] ?? null}
              services={services}
              t={t}
              language={i18n.language}
              history={field.keepHistory ? history.filter((h) => h.fieldId === field.id) : []}
              explainedAt={field.victimTextKey && answers[field.id] === 'yes' ? savedAt[field.id] : undefined}
            />
          ))}
      </div>
    </section>
  );
}

function AnswerRow({
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
  const section = field.sectionKey ? <h3 className="form-section">{t(field.sectionKey)}</h3> : null;
  if (field.kind === 'group') {
    const items = (Array.isArray(value) ? value : []) as GroupItem[];
    return (
      <>
        {section}
        <dl className="answer group" data-field={field.id}>
          <dt>{t(field.labelKey)}</dt>
          <dd>
            {items.length === 0 ? <span className="no-answer">{t('answer.none')}</span> : null}
            {items.map((item, index) => (
              <div key={item.key} className="group-item" data-item={index}>
                <p className="group-item-title">{t(field.itemLabelKey, { number: index + 1 })}</p>
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
        <dt>{t(field.labelKey)}</dt>
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

/** An answer as the officer reads it: option labels, not stored values; a period in words. */
export function describeAnswer(
  field: SimpleFieldDefinition,
  value: AnswerValue,
  services: SupportServiceView[],
  t: TFunction,
): string {
  if (value === null) return t('answer.history.cleared');
  switch (field.kind) {
    case 'singleChoice':
    case 'multiChoice': {
      const values = Array.isArray(value) ? value : [value];
      return values.map((v) => t(field.options.find((o) => o.value === v)?.labelKey ?? String(v))).join(', ');
    }
    case 'serviceChoice':
      return (Array.isArray(value) ? value : [])
        .map((id) => services.find((s) => s.id === id)?.name ?? String(id))
        .join(', ');
    case 'dateOrPeriod': {
      const period = value as { on?: string; from?: string; to?: string; about?: string };
      if (period.on) return `${t('answer.period.on')} ${period.on}`;
      if (period.about) return `${t('answer.period.about')} ${period.about}`;
      return `${t('answer.period.from')} ${period.from ?? '?'} ${t('answer.period.to')} ${period.to ?? '?'}`;
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
