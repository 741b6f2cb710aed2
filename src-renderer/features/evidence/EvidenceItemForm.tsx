import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { OfficerKey } from '../../../forms/translation';
import {
  EVIDENCE_LIMITS,
  EVIDENCE_SENSITIVITIES,
  EVIDENCE_TYPES,
  type EvidenceItemInput,
} from '../../../domain/evidence-rules';
import type { EvidenceItemView } from '../../../src-main/api/contract';
import { evidenceFilesByUpload, uploadEvidenceFile, type ApiError } from '../../api/client';
import { useMutation } from '../../data/use-channel';
import { DateInput, ErrorMessage, FieldError, FormActions, TextField } from '../../ui';
import {
  CAPTURE_FIELDS,
  CASE_FIELDS,
  draftOf,
  evidenceItemResolver,
  TEXT_FIELDS,
  type EvidenceDraft,
} from './evidence-forms';
import { sizeText, utcText } from './evidence-format';
import { typedLocalDateTime } from '../../ui/dates';

type TextKey = (typeof TEXT_FIELDS | typeof CAPTURE_FIELDS | typeof CASE_FIELDS)[number][0] | 'relatedPrompts';

/** The hint under a text field, when it has one. */
const HINTS: Partial<Record<TextKey, OfficerKey>> = {
  url: 'evidence.hint.url',
  eventTime: 'evidence.hint.eventTime',
  eventTimeZone: 'evidence.hint.eventTimeZone',
  accountIds: 'evidence.hint.accountIds',
  originalLocation: 'evidence.hint.originalLocation',
  captureMethod: 'evidence.hint.captureMethod',
  relatedPrompts: 'evidence.hint.relatedPrompts',
};

/**
 * Every C2 field, checked on saving by the schema main applies; a problem goes once its field
 * is changed, the others stay until the next attempt. A new item may take files at once
 * (upload); in Electron, files follow on the saved item.
 */
export function EvidenceItemForm({
  hearingId,
  item,
  onDone,
}: {
  hearingId: string;
  item: EvidenceItemView | null;
  onDone: (savedId: string | null, uploadError?: ApiError) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [initial] = useState<EvidenceDraft>(() => draftOf(item));
  const resolver = useMemo(() => evidenceItemResolver(initial, item), [initial, item]);
  const {
    register,
    handleSubmit,
    watch,
    setError: setProblem,
    clearErrors,
    formState: { errors },
  } = useForm<EvidenceDraft, unknown, EvidenceItemInput>({
    defaultValues: initial,
    resolver,
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const saveItem = useMutation('evidence.save');
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [saving, setSaving] = useState(false);
  // A problem goes once its field is changed; the others stay until the next attempt.
  const field = (key: keyof EvidenceDraft) => register(key, { onChange: () => clearErrors(key) });
  const problem = (key: keyof EvidenceDraft) => errors[key]?.message;
  const capturedAt = typedLocalDateTime(watch('capturedAt'));
  const sensitivity = watch('sensitivity');
  const minor = sensitivity === 'minor';

  const save = handleSubmit(
    async (input) => {
      setSaving(true);
      const result = await saveItem.run(
        item ? { hearingId, itemId: item.id, revision: item.revision, item: input } : { hearingId, item: input },
      );
      if (!result.ok) {
        setSaving(false);
        // In the banner, and beside the field main named.
        const named = result.error.fields?.[0];
        if (named) setProblem(named as keyof EvidenceDraft, { message: `error.${result.error.code}` });
        return;
      }
      const savedId = result.value.item.id;
      // Files chosen with a new item go up once it exists; a failure leaves the item, says why, and stays here.
      for (const file of minor ? [] : files) {
        setProgress({ name: file.name, sent: 0, total: file.size });
        const uploaded = await uploadEvidenceFile({ hearingId, itemId: savedId, file }, (sent, total) =>
          setProgress({ name: file.name, sent, total }),
        );
        if (!uploaded.ok) {
          // The item is saved; the register shows it, and why this file is not in it.
          onDone(savedId, uploaded.error);
          return;
        }
      }
      setProgress(null);
      setSaving(false);
      onDone(savedId);
    },
    (found) => document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus(),
  );

  const textField = (key: TextKey, max: number) => {
    const hint = HINTS[key];
    return (
      <TextField
        key={key}
        id={`${id}-${key}`}
        label={t(`evidence.field.${key}`)}
        registration={field(key)}
        maxLength={max}
        error={problem(key)}
        hint={hint ? t(hint) : undefined}
        inputMode={key === 'url' ? 'url' : undefined}
        spellCheck={false}
      />
    );
  };
  const describedBy = (key: keyof EvidenceDraft) =>
    [`${id}-${key}-hint`, problem(key) ? `${id}-${key}-error` : ''].filter(Boolean).join(' ');

  return (
    <form className="evidence-form panel" aria-labelledby={`${id}-title`} noValidate onSubmit={(e) => void save(e)}>
      <h4 id={`${id}-title`}>
        {item ? t('evidence.form.editTitle', { label: item.label }) : t('evidence.form.newTitle')}
      </h4>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('evidence.field.type')}</label>
        <select
          id={`${id}-type`}
          {...field('type')}
          aria-invalid={problem('type') ? true : undefined}
          aria-describedby={problem('type') ? `${id}-type-error` : undefined}
        >
          <option value="">{t('answer.choose')}</option>
          {EVIDENCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`evidence.type.${type}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-type-error`} problem={problem('type')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('evidence.field.description')}</label>
        <p id={`${id}-description-hint`} className="field-help">
          {t('evidence.hint.description')}
        </p>
        <textarea
          id={`${id}-description`}
          rows={3}
          maxLength={EVIDENCE_LIMITS.description}
          {...field('description')}
          aria-invalid={problem('description') ? true : undefined}
          aria-describedby={describedBy('description')}
        />
        <FieldError id={`${id}-description-error`} problem={problem('description')} />
      </div>

      <fieldset className="field">
        <legend>{t('evidence.field.sensitivity')}</legend>
        <div className="choices">
          {EVIDENCE_SENSITIVITIES.map((s) => (
            <label key={s} className="choice">
              <input type="radio" value={s} {...field('sensitivity')} />
              <span>{t(`evidence.sensitivity.${s}`)}</span>
            </label>
          ))}
        </div>
        <FieldError id={`${id}-sensitivity-error`} problem={problem('sensitivity')} />
      </fieldset>
      {minor ? (
        <p className="notice warning" role="note">
          {t('evidence.minor.explain')}
        </p>
      ) : sensitivity === 'intimate' ? (
        <p className="field-help">{t('evidence.intimateHint')}</p>
      ) : null}

      <div className="inline-group evidence-fields">{TEXT_FIELDS.map(([key, max]) => textField(key, max))}</div>
      <div className="inline-group evidence-fields">
        <div className="field">
          <label htmlFor={`${id}-capturedAt`}>{t('evidence.field.capturedAt')}</label>
          <p id={`${id}-capturedAt-hint`} className="field-help">
            {capturedAt !== null
              ? t('evidence.hint.capturedAtUtc', { utc: utcText(capturedAt) })
              : t('evidence.hint.capturedAt')}
          </p>
          <DateInput
            id={`${id}-capturedAt`}
            withTime
            registration={field('capturedAt')}
            invalid={problem('capturedAt') ? true : undefined}
            describedBy={describedBy('capturedAt')}
          />
          <FieldError id={`${id}-capturedAt-error`} problem={problem('capturedAt')} />
        </div>
        {CAPTURE_FIELDS.map(([key, max]) => textField(key, max))}
      </div>
      <div className="inline-group evidence-fields">
        {textField('relatedPrompts', 400)}
        {CASE_FIELDS.map(([key, max]) => textField(key, max))}
      </div>

      {!item && !minor ? (
        evidenceFilesByUpload ? (
          <div className="field">
            <label htmlFor={`${id}-files`}>{t('evidence.form.files')}</label>
            <p id={`${id}-files-hint`} className="field-help">
              {t('evidence.files.hint')}
            </p>
            <input
              id={`${id}-files`}
              type="file"
              multiple
              aria-describedby={`${id}-files-hint`}
              disabled={saving}
              onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
            />
          </div>
        ) : (
          <p className="field-help">{t('evidence.form.filesAfterSaving')}</p>
        )
      ) : null}

      {progress ? (
        <div className="import-progress" role="status">
          <progress
            value={progress.sent}
            max={progress.total || 1}
            aria-label={t('evidence.files.progressLabel', { name: progress.name })}
          />
          <span>
            {t('evidence.files.progress', {
              name: progress.name,
              sent: sizeText(progress.sent, i18n.language, t, false),
              total: sizeText(progress.total, i18n.language, t, false),
            })}
          </span>
        </div>
      ) : null}
      <ErrorMessage error={saveItem.error} />
      <FormActions submit={item ? t('evidence.form.saveChanges') : t('evidence.form.save')} pending={saving}>
        <button type="button" onClick={() => onDone(null)} disabled={saving}>
          {t('evidence.cancel')}
        </button>
      </FormActions>
    </form>
  );
}
