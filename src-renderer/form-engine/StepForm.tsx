import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useFieldArray, useForm, type Control, type Resolver, type UseFormRegister } from 'react-hook-form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  FieldDefinition,
  FormDefinition,
  GroupFieldDefinition,
  SimpleFieldDefinition,
} from '../../forms/definition-schema';
import {
  answerSchema,
  formAnswersSchema,
  isFieldVisible,
  type Answers,
  type AnswerValue,
  type GroupItem,
} from '../../forms/engine';
import { textAt } from '../../forms/catalog-text';
import { findCatalog, useVictimCatalogs } from '../api/victim-catalogs';
import type { SupportServiceView } from '../../src-main/api/contract';
import { formatDateTime, formatTime } from '../i18n';
import type { AutosaveQueue } from './autosave';
import { describeAnswer } from './ReadOnlyStep';

interface StepFormProps {
  form: FormDefinition;
  initialAnswers: Partial<Answers>;
  queue: AutosaveQueue;
  readOnly?: boolean;
  /** The answers as they stand on screen, after every change (for the step list). */
  onAnswersChange?: (answers: Partial<Answers>) => void;
  /** Her language and the procedure's, from the set-up step, for texts shown to her. */
  languages?: HearingLanguages;
  /** The support directory, for questions that choose services from it. */
  services?: SupportServiceView[];
  /** Values interpolated into help texts (the zone's configured durations, for example). */
  helpValues?: Record<string, string | number>;
  /** Earlier values of the fields that keep their history, oldest first. */
  history?: FieldHistoryEntry[];
}

export interface FieldHistoryEntry {
  fieldId: string;
  value: AnswerValue;
  at: number;
  byName: string;
}

export interface HearingLanguages {
  victim: string | null;
  procedure: string | null;
}

type Values = Record<string, unknown>;

/** What the inputs hold, turned into the answer the engine validates: "" is "no answer". */
function toAnswer(field: FieldDefinition, raw: unknown): AnswerValue {
  if (raw === undefined || raw === '') return null;
  if (field.kind === 'multiChoice' || field.kind === 'serviceChoice')
    return Array.isArray(raw) && raw.length > 0 ? (raw as string[]) : null;
  if (field.kind === 'dateOrPeriod') return toPeriod(raw);
  if (field.kind === 'group') {
    return (raw as GroupItem[]).map((item) => ({
      key: item.key,
      values: Object.fromEntries(
        field.fields.map((sub) => [sub.id, toAnswer(sub, item.values?.[sub.id])]),
      ) as GroupItem['values'],
    }));
  }
  return raw as AnswerValue;
}

/** The period control keeps all three shapes while typing; only the chosen one is the answer. */
type PeriodDraft = { mode?: string; on?: string; from?: string; to?: string; about?: string };
function toPeriod(raw: unknown): AnswerValue {
  const draft = (raw ?? {}) as PeriodDraft;
  switch (draft.mode) {
    case 'on':
      return draft.on ? { on: draft.on } : null;
    case 'between':
      return draft.from || draft.to ? { from: draft.from ?? '', to: draft.to ?? '' } : null;
    case 'about':
      return draft.about?.trim() ? { about: draft.about } : null;
    default:
      return null;
  }
}

function toDraft(field: FieldDefinition, value: AnswerValue | undefined): unknown {
  if (field.kind === 'dateOrPeriod') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { mode: '' };
    if ('on' in value) return { mode: 'on', on: value.on };
    if ('from' in value) return { mode: 'between', from: value.from, to: value.to };
    return { mode: 'about', about: value.about };
  }
  if (field.kind === 'group') {
    return ((value as GroupItem[] | null) ?? []).map((item) => ({
      key: item.key,
      values: Object.fromEntries(field.fields.map((sub) => [sub.id, toDraft(sub, item.values[sub.id])])),
    }));
  }
  if (field.kind === 'multiChoice' || field.kind === 'serviceChoice') return value ?? [];
  return value ?? '';
}

/**
 * Renders any questionnaire from its definition: one generic control per field kind, never
 * hand-written JSX per question. Every valid change goes to the autosave queue.
 */
export function StepForm({
  form,
  initialAnswers,
  queue,
  readOnly = false,
  onAnswersChange,
  languages = { victim: null, procedure: null },
  services = [],
  helpValues,
  history = [],
}: StepFormProps) {
  const { t, i18n } = useTranslation();
  const resolver = useMemo(() => zodResolver(formAnswersSchema(form) as never) as unknown as Resolver<Values>, [form]);
  const defaultValues = useMemo(
    () => Object.fromEntries(form.fields.map((f) => [f.id, toDraft(f, initialAnswers[f.id])])),
    [form, initialAnswers],
  );
  const { register, control, watch, formState, setError, clearErrors } = useForm<Values>({
    defaultValues,
    resolver,
    mode: 'onChange',
  });
  const values = watch();
  // Re-render when a save is confirmed: the time shown beside an explained right comes from it.
  useSaveStatus(queue);
  const answers = useMemo(
    () => Object.fromEntries(form.fields.map((f) => [f.id, toAnswer(f, values[f.id])])),
    [form, values],
  );
  // The first snapshot is what the screen passed in: reporting it back would only re-render
  // the whole hearing once more as it opens.
  const reported = useRef<string | null>(null);
  useEffect(() => {
    const snapshot = JSON.stringify(answers);
    if (reported.current === null || snapshot === reported.current) {
      reported.current = snapshot;
      return;
    }
    reported.current = snapshot;
    onAnswersChange?.(answers);
  }, [answers, onAnswersChange]);

  useEffect(() => {
    const subscription = watch((all, { name, type }) => {
      if (!name || type !== 'change') return;
      // A change deep inside a group or a period saves the whole top-level answer.
      const topId = name.split('.')[0]!;
      const field = form.fields.find((f) => f.id === topId);
      if (!field) return;
      const value = toAnswer(field, all[topId]);
      const check = answerSchema(field).safeParse(value);
      if (!check.success) {
        setError(topId, { message: check.error.issues[0]?.message ?? 'answer.invalid' });
        return;
      }
      clearErrors(topId);
      const immediate = field.kind === 'singleChoice' || field.kind === 'multiChoice' || field.kind === 'serviceChoice';
      queue.set(topId, value, { immediate });
    });
    return () => subscription.unsubscribe();
  }, [watch, form, queue, setError, clearErrors]);

  return (
    <form className="step-form" onSubmit={(e) => e.preventDefault()} noValidate aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1}>
        {t(form.titleKey)}
      </h2>
      {form.fields.some((f) => f.victimTextKey) ? <VictimLanguageNotice languages={languages} /> : null}
      {form.fields
        .filter((field) => isFieldVisible(field, answers))
        .map((field) => [
          field.sectionKey ? (
            <h3 key={`${field.id}-section`} className="form-section">
              {t(field.sectionKey)}
            </h3>
          ) : null,
          field.kind === 'group' ? (
            <GroupControl
              key={field.id}
              field={field}
              control={control}
              register={register}
              values={values}
              error={formState.errors[field.id]?.message}
              readOnly={readOnly}
              onChanged={(value) => queue.set(field.id, value, { immediate: true })}
              onBlur={() => void queue.flush()}
            />
          ) : (
            <FieldControl
              key={field.id}
              name={field.id}
              field={field}
              register={register}
              error={formState.errors[field.id]?.message}
              readOnly={readOnly}
              periodMode={(values[field.id] as PeriodDraft | undefined)?.mode}
              onBlur={() => void queue.flush()}
              languages={languages}
              services={services}
              t={t}
              language={i18n.language}
              savedAt={field.victimTextKey && answers[field.id] === 'yes' ? queue.savedAtOf(field.id) : undefined}
              helpValues={helpValues}
              history={field.keepHistory ? history.filter((h) => h.fieldId === field.id) : undefined}
            />
          ),
        ])}
    </form>
  );
}

interface FieldControlProps {
  /** The react-hook-form path: the field id, or `group.index.values.field` inside a group. */
  name: string;
  field: SimpleFieldDefinition;
  register: UseFormRegister<Values>;
  error: string | undefined;
  readOnly: boolean;
  periodMode?: string | undefined;
  onBlur: () => void;
  languages?: HearingLanguages;
  services?: SupportServiceView[];
  /** For what was explained to her: when the answer was stored, shown beside it. */
  savedAt?: number | undefined;
  /**
   * From the form, not a hook per control: a large hearing has hundreds of controls, and each
   * useTranslation() would subscribe to i18n on its own.
   */
  t: TFunction;
  language: string;
  helpValues?: Record<string, string | number> | undefined;
  history?: FieldHistoryEntry[] | undefined;
}

function FieldControl({
  name,
  field,
  register,
  error,
  readOnly,
  periodMode,
  onBlur,
  languages,
  services = [],
  savedAt,
  t,
  language,
  helpValues,
  history,
}: FieldControlProps) {
  const inputId = `field-${name.replace(/\./g, '-')}`;
  const helpId = field.helpKey ? `${inputId}-help` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const help = (
    <>
      {field.victimTextKey && languages ? <VictimText textKey={field.victimTextKey} languages={languages} /> : null}
      {field.helpKey ? (
        <p id={helpId} className="field-help">
          {t(field.helpKey, helpValues ?? {})}
        </p>
      ) : null}
      {field.guidance ? (
        <dl className="field-guidance">
          {field.guidance.map((g) => (
            <div key={g.textKey}>
              <dt>{t(g.labelKey)}</dt>
              <dd>{t(g.textKey)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
  const explainedAt =
    savedAt !== undefined ? (
      <p className="explained-at" data-explained-at={field.id}>
        {t('rights.explainedAt', { time: formatTime(savedAt, language) })}
      </p>
    ) : null;
  const historyList =
    history && history.length > 0 ? (
      <details className="field-history">
        <summary>{t('answer.history.title', { count: history.length })}</summary>
        <ol>
          {history.map((entry, index) => (
            <li key={index}>
              {t('answer.history.entry', {
                value: describeAnswer(field, entry.value, services, t),
                name: entry.byName,
                time: formatDateTime(entry.at, language),
              })}
            </li>
          ))}
        </ol>
      </details>
    ) : null;
  const errorText = error ? (
    <p id={errorId} className="field-error" role="alert">
      {t(error)}
    </p>
  ) : null;
  const invalid = error ? true : undefined;

  if ((field.kind === 'singleChoice' && field.display === 'radio') || field.kind === 'multiChoice') {
    const registration = register(name, { onBlur });
    return (
      <fieldset className="field" aria-describedby={describedBy} data-field={name}>
        <legend>{t(field.labelKey)}</legend>
        {help}
        <div className="choices">
          {field.options.map((option) => (
            <label key={option.value} className="choice">
              <input
                type={field.kind === 'multiChoice' ? 'checkbox' : 'radio'}
                value={option.value}
                disabled={readOnly}
                {...registration}
              />
              <span>{t(option.labelKey)}</span>
            </label>
          ))}
        </div>
        {explainedAt}
        {historyList}
        {errorText}
      </fieldset>
    );
  }

  if (field.kind === 'serviceChoice') {
    const registration = register(name, { onBlur });
    return (
      <fieldset className="field" aria-describedby={describedBy} data-field={name}>
        <legend>{t(field.labelKey)}</legend>
        {help}
        {services.length === 0 ? <p className="field-help">{t('directory.empty')}</p> : null}
        <ul className="service-choices">
          {services.map((service) => (
            <li key={service.id}>
              <label className="choice">
                <input type="checkbox" value={service.id} disabled={readOnly} {...registration} />
                <span>
                  {service.name}
                  {service.phone ? (
                    <>
                      {' · '}
                      <span className="phone">{service.phone}</span>
                    </>
                  ) : null}
                  {' · '}
                  {t(`directory.regions.${service.region}`)}
                  {service.verifiedOn ? null : (
                    <>
                      {' '}
                      <span className="badge">{t('directory.toVerify')}</span>
                    </>
                  )}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {errorText}
      </fieldset>
    );
  }

  if (field.kind === 'dateOrPeriod') {
    const modes = ['on', 'between', 'about'] as const;
    return (
      <fieldset className="field period" aria-describedby={describedBy} data-field={name}>
        <legend>{t(field.labelKey)}</legend>
        {help}
        <div className="choices">
          {modes.map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" value={mode} disabled={readOnly} {...register(`${name}.mode`, { onBlur })} />
              <span>{t(`answer.period.${mode}`)}</span>
            </label>
          ))}
        </div>
        {periodMode === 'on' ? (
          <label className="inline">
            <span>{t('answer.period.date')}</span>
            <input type="date" readOnly={readOnly} aria-invalid={invalid} {...register(`${name}.on`, { onBlur })} />
          </label>
        ) : periodMode === 'between' ? (
          <div className="inline-group">
            <label className="inline">
              <span>{t('answer.period.from')}</span>
              <input type="date" readOnly={readOnly} aria-invalid={invalid} {...register(`${name}.from`, { onBlur })} />
            </label>
            <label className="inline">
              <span>{t('answer.period.to')}</span>
              <input type="date" readOnly={readOnly} aria-invalid={invalid} {...register(`${name}.to`, { onBlur })} />
            </label>
          </div>
        ) : periodMode === 'about' ? (
          <label className="inline">
            <span>{t('answer.period.aboutText')}</span>
            <input
              type="text"
              readOnly={readOnly}
              aria-invalid={invalid}
              autoComplete="off"
              {...register(`${name}.about`, { onBlur })}
            />
          </label>
        ) : null}
        {errorText}
      </fieldset>
    );
  }

  const registration = register(name, { onBlur });
  return (
    <div className="field" data-field={name}>
      <label htmlFor={inputId}>{t(field.labelKey)}</label>
      {help}
      {field.kind === 'singleChoice' ? (
        <select
          id={inputId}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          disabled={readOnly}
          {...registration}
        >
          <option value="">{t('answer.choose')}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {t(option.labelKey)}
            </option>
          ))}
        </select>
      ) : field.kind === 'longText' ? (
        <textarea
          id={inputId}
          rows={field.maxLength <= 5_000 ? 3 : 8}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          readOnly={readOnly}
          {...registration}
        />
      ) : (
        <input
          id={inputId}
          type={field.kind === 'date' ? 'date' : field.kind === 'dateTime' ? 'datetime-local' : 'text'}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          readOnly={readOnly}
          autoComplete="off"
          {...registration}
        />
      )}
      {historyList}
      {errorText}
    </div>
  );
}

interface GroupControlProps {
  field: GroupFieldDefinition;
  control: Control<Values>;
  register: UseFormRegister<Values>;
  values: Values;
  error: string | undefined;
  readOnly: boolean;
  onChanged: (value: AnswerValue) => void;
  onBlur: () => void;
}

/** A repeated group: each item its own fieldset; removing one asks first, since it removes answers. */
function GroupControl({ field, control, register, values, error, readOnly, onChanged, onBlur }: GroupControlProps) {
  const { t, i18n } = useTranslation();
  const {
    fields: items,
    append,
    remove,
  } = useFieldArray({ control, name: field.id as never, keyName: 'rhfId' as never });
  const current = (values[field.id] as GroupItem[] | undefined) ?? [];

  function add() {
    const item = {
      key: crypto.randomUUID(),
      values: Object.fromEntries(field.fields.map((sub) => [sub.id, toDraft(sub, undefined)])),
    };
    append(item as never);
    onChanged(toAnswer(field, [...current, item]));
  }

  function removeAt(index: number) {
    remove(index);
    onChanged(
      toAnswer(
        field,
        current.filter((_, i) => i !== index),
      ),
    );
  }

  return (
    <fieldset className="field group" data-field={field.id}>
      <legend>{t(field.labelKey)}</legend>
      {field.helpKey ? <p className="field-help">{t(field.helpKey)}</p> : null}
      {items.map((item, index) => {
        const itemValues = current[index]?.values ?? {};
        const answers = Object.fromEntries(field.fields.map((sub) => [sub.id, toAnswer(sub, itemValues[sub.id])]));
        return (
          <fieldset key={(item as unknown as { rhfId: string }).rhfId} className="group-item">
            <legend>{t(field.itemLabelKey, { number: index + 1 })}</legend>
            {field.fields
              .filter((sub) => isFieldVisible(sub, answers))
              .map((sub) => (
                <FieldControl
                  key={sub.id}
                  name={`${field.id}.${index}.values.${sub.id}`}
                  field={sub}
                  register={register}
                  error={undefined}
                  readOnly={readOnly}
                  periodMode={(itemValues[sub.id] as PeriodDraft | undefined)?.mode}
                  onBlur={onBlur}
                  t={t}
                  language={i18n.language}
                />
              ))}
            {readOnly ? null : (
              <RemoveItemButton
                label={t('answer.group.remove', { item: t(field.itemLabelKey, { number: index + 1 }) })}
                confirmLabel={t('answer.group.confirmRemove')}
                keepLabel={t('answer.group.keep')}
                onRemove={() => removeAt(index)}
              />
            )}
          </fieldset>
        );
      })}
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {readOnly || items.length >= field.maxItems ? null : (
        <button type="button" onClick={add}>
          {t('answer.group.add', { item: t(field.itemLabelKey, { number: items.length + 1 }) })}
        </button>
      )}
    </fieldset>
  );
}

/** Two steps, so a slip of the keyboard never removes a person and their answers. */
function RemoveItemButton({
  label,
  confirmLabel,
  keepLabel,
  onRemove,
}: {
  label: string;
  confirmLabel: string;
  keepLabel: string;
  onRemove: () => void;
}) {
  const [armed, setArmed] = useState(false);
  return armed ? (
    <div className="actions">
      <button type="button" className="danger" onClick={onRemove}>
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setArmed(false)} autoFocus>
        {keepLabel}
      </button>
    </div>
  ) : (
    <button type="button" onClick={() => setArmed(true)}>
      {label}
    </button>
  );
}

/** What she reads: in her language when a catalog exists, and in the procedure language beside it. */
function VictimText({ textKey, languages }: { textKey: string; languages: HearingLanguages }) {
  const { t } = useTranslation();
  const catalogs = useVictimCatalogs();
  const hers = findCatalog(catalogs, languages.victim);
  const procedure = languages.procedure !== languages.victim ? findCatalog(catalogs, languages.procedure) : undefined;
  const shown = [hers, procedure].flatMap((catalog) => {
    const text = textAt(catalog, textKey);
    return catalog && text ? [{ catalog, text }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <div className="victim-text">
      {shown.map(({ catalog, text }) => (
        // Her language's own direction (Arabic, Persian and Pashto right to left); the officer's label stays in the officer's.
        <p key={catalog.meta.language} dir={catalog.meta.direction}>
          <span className="victim-text-language">{t(`language.${catalog.meta.language}`)}</span>{' '}
          <span lang={catalog.meta.language} dir={catalog.meta.direction}>
            {text}
          </span>
        </p>
      ))}
    </div>
  );
}

/** Said before the first right, so nobody reads a text to her that she cannot understand. */
function VictimLanguageNotice({ languages }: { languages: HearingLanguages }) {
  const { t } = useTranslation();
  const catalogs = useVictimCatalogs();
  if (!catalogs) return null;
  const catalog = findCatalog(catalogs, languages.victim);
  if (!languages.victim || !languages.procedure) {
    return (
      <p className="notice" role="note">
        {t('rights.languagesFirst')}
      </p>
    );
  }
  if (languages.victim === 'other' || !catalog) {
    return (
      <p className="notice warning" role="note">
        {t('rights.noCatalog', {
          language: languages.victim === 'other' ? t('language.other') : t(`language.${languages.victim}`),
        })}
      </p>
    );
  }
  const status = catalog.meta.status;
  return status === 'reviewed' || status === 'sworn' ? null : (
    <p className="notice" role="note">
      {t('rights.catalogNotReviewed', { language: t(`language.${languages.victim}`) })}
    </p>
  );
}

/** The autosave state, for the status line. */
export function useSaveStatus(queue: AutosaveQueue) {
  return useSyncExternalStore(
    (onChange) => queue.subscribe(onChange),
    () => queue.getStatus(),
  );
}
