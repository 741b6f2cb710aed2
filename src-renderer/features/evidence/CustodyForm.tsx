import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_LIMITS, type CustodyEventInput } from '../../../domain/evidence-rules';
import type { EvidenceItemView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { DateInput, ErrorMessage, FieldError, FormActions, TextField } from '../../ui';
import { custodyResolver, type CustodyDraft } from './evidence-forms';
import { localDateTimeText } from '../../ui/dates';

/** A hand-over of the item (C4.4): to whom, when, on what medium; problems stay until the next attempt. */
export function CustodyForm({
  hearingId,
  item,
  onRecorded,
}: {
  hearingId: string;
  item: EvidenceItemView;
  onRecorded: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const recordCustody = useMutation('evidence.recordCustody');
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors },
  } = useForm<CustodyDraft, unknown, CustodyEventInput>({
    defaultValues: { handedTo: '', handedAt: localDateTimeText(Date.now()), medium: '', note: '' },
    resolver: custodyResolver,
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });

  const record = handleSubmit(async (event) => {
    const result = await recordCustody.run({ hearingId, itemId: item.id, ...event });
    if (!result.ok) return;
    setValue('handedTo', '');
    setValue('medium', '');
    setValue('note', '');
    setOpen(false);
    await onRecorded();
  });

  if (!open) {
    return (
      <FormActions>
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-label={t('evidence.custody.addFor', { label: item.label })}
        >
          {t('evidence.custody.add')}
        </button>
      </FormActions>
    );
  }
  const handedAtProblem = errors.handedAt?.message;
  return (
    <fieldset className="group-item custody-form">
      <legend>{t('evidence.custody.formTitle', { label: item.label })}</legend>
      <div className="inline-group">
        <TextField
          id={`${id}-to`}
          label={t('evidence.custody.handedTo')}
          registration={register('handedTo')}
          maxLength={EVIDENCE_LIMITS.handedTo}
          error={errors.handedTo?.message}
          hint={t('evidence.custody.handedToHint')}
          spellCheck={false}
        />
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('evidence.custody.handedAt')}</label>
          <DateInput
            id={`${id}-at`}
            withTime
            registration={register('handedAt')}
            invalid={handedAtProblem ? true : undefined}
            describedBy={handedAtProblem ? `${id}-at-error` : undefined}
          />
          <FieldError id={`${id}-at-error`} problem={handedAtProblem} announce={false} />
        </div>
        <TextField
          id={`${id}-medium`}
          label={t('evidence.custody.medium')}
          registration={register('medium')}
          maxLength={EVIDENCE_LIMITS.medium}
          error={errors.medium?.message}
          hint={t('evidence.custody.mediumHint')}
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('evidence.custody.note')}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={EVIDENCE_LIMITS.note} {...register('note')} />
      </div>
      <ErrorMessage error={recordCustody.error} />
      <FormActions>
        <button type="button" className="primary" onClick={() => void record()}>
          {t('evidence.custody.record')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('evidence.cancel')}
        </button>
      </FormActions>
    </fieldset>
  );
}
