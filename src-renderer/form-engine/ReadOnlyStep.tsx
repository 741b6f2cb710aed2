import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '../../forms/definition-schema';
import { isFieldVisible, type Answers } from '../../forms/engine';
import type { SupportServiceView } from '../../src-main/api/contract';
import { AnswerRow } from './AnswerRow';
import type { FieldHistoryEntry } from './fields/types';
import { definitionKey } from '../../forms/translation';

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
        {t(definitionKey(form.titleKey))}
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
