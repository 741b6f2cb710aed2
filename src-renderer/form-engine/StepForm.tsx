import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useForm, type Resolver, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, FormDefinition } from '../../forms/definition-schema';
import { answerSchema, formAnswersSchema, isFieldVisible, type Answers } from '../../forms/engine';
import type { AutosaveQueue } from './autosave';

interface StepFormProps {
  form: FormDefinition;
  initialAnswers: Partial<Answers>;
  queue: AutosaveQueue;
  readOnly?: boolean;
}

/**
 * Renders any questionnaire from its definition: one generic control per field kind, never
 * hand-written JSX per question. Every valid change goes to the autosave queue.
 */
export function StepForm({ form, initialAnswers, queue, readOnly = false }: StepFormProps) {
  const { t } = useTranslation();
  const resolver = useMemo(() => zodResolver(formAnswersSchema(form) as never) as unknown as Resolver<Partial<Answers>>, [form]);
  const {
    register,
    watch,
    formState: { errors },
    setError,
    clearErrors,
  } = useForm<Partial<Answers>>({ defaultValues: initialAnswers, resolver, mode: 'onChange' });
  const values = watch();

  useEffect(() => {
    const subscription = watch((all, { name, type }) => {
      if (!name || type !== 'change') return;
      const field = form.fields.find((f) => f.id === name);
      if (!field) return;
      const raw = all[name] ?? null;
      // The empty choice of a select means "no answer", not an answer.
      const value = field.kind === 'singleChoice' && raw === '' ? null : raw;
      const check = answerSchema(field).safeParse(value);
      if (!check.success) {
        setError(name, { message: check.error.issues[0]?.message ?? 'answer.invalid' });
        return;
      }
      clearErrors(name);
      queue.set(name, value, { immediate: field.kind === 'singleChoice' });
    });
    return () => subscription.unsubscribe();
  }, [watch, form, queue, setError, clearErrors]);

  return (
    <form className="step-form" onSubmit={(e) => e.preventDefault()} noValidate aria-labelledby="step-title">
      <h2 id="step-title">{t(form.titleKey)}</h2>
      {form.fields
        .filter((field) => isFieldVisible(field, values))
        .map((field) => (
          <FieldControl
            key={field.id}
            field={field}
            register={register}
            error={errors[field.id]?.message}
            readOnly={readOnly}
            onBlur={() => void queue.flush()}
          />
        ))}
    </form>
  );
}

interface FieldControlProps {
  field: FieldDefinition;
  register: UseFormRegister<Partial<Answers>>;
  error: string | undefined;
  readOnly: boolean;
  onBlur: () => void;
}

function FieldControl({ field, register, error, readOnly, onBlur }: FieldControlProps) {
  const { t } = useTranslation();
  const inputId = `field-${field.id}`;
  const helpId = field.helpKey ? `${inputId}-help` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const registration = register(field.id, { onBlur });
  const help = field.helpKey ? (
    <p id={helpId} className="field-help">
      {t(field.helpKey)}
    </p>
  ) : null;
  const errorText = error ? (
    <p id={errorId} className="field-error" role="alert">
      {t(error)}
    </p>
  ) : null;

  if (field.kind === 'singleChoice' && field.display === 'radio') {
    return (
      <fieldset className="field" aria-describedby={describedBy} data-field={field.id}>
        <legend>{t(field.labelKey)}</legend>
        {help}
        <div className="choices">
          {field.options.map((option) => (
            <label key={option.value} className="choice">
              <input type="radio" value={option.value} disabled={readOnly} {...registration} />
              <span>{t(option.labelKey)}</span>
            </label>
          ))}
        </div>
        {errorText}
      </fieldset>
    );
  }

  return (
    <div className="field" data-field={field.id}>
      <label htmlFor={inputId}>{t(field.labelKey)}</label>
      {help}
      {field.kind === 'singleChoice' ? (
        <select id={inputId} aria-describedby={describedBy} disabled={readOnly} {...registration}>
          <option value="">{t('answer.choose')}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {t(option.labelKey)}
            </option>
          ))}
        </select>
      ) : field.kind === 'longText' ? (
        <textarea id={inputId} rows={6} aria-describedby={describedBy} readOnly={readOnly} {...registration} />
      ) : (
        <input id={inputId} type="text" aria-describedby={describedBy} readOnly={readOnly} autoComplete="off" {...registration} />
      )}
      {errorText}
    </div>
  );
}

/** The autosave state, for the status line. */
export function useSaveStatus(queue: AutosaveQueue) {
  return useSyncExternalStore(
    (onChange) => queue.subscribe(onChange),
    () => queue.getStatus(),
  );
}
