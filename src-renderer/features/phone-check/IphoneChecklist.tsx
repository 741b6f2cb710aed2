import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { OfficerKey } from '../../../forms/translation';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, FieldError, FormActions } from '../../ui';
import { IPHONE_ANSWERS, IPHONE_CHECKLIST, PHONE_OWNERS, type IphoneChecklistId } from '../../../domain/phone-check';
import { PhoneOwnerField } from './PhoneOwnerField';

const IPHONE_STEPS = IPHONE_CHECKLIST.map((step) => step.id);
type StepId = IphoneChecklistId;

const answerSchema = z.object({
  answer: z.enum(IPHONE_ANSWERS, { error: 'phoneCheck.iphone.required' satisfies OfficerKey }),
  note: z.string().max(2000),
});
const checklistSchema = z.object({
  phoneOf: z.enum(PHONE_OWNERS),
  steps: z.object(
    Object.fromEntries(IPHONE_STEPS.map((id) => [id, answerSchema])) as Record<StepId, typeof answerSchema>,
  ),
});
type ChecklistValues = z.input<typeof checklistSchema>;

/** §D9: the guided manual iPhone checklist, each step answered, kept as an evidence item. */
export function IphoneChecklist({
  hearingId,
  checklist,
  onClose,
}: {
  hearingId: string;
  checklist: { id: string; lookFor: string[] }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const record = useMutation('phoneCheck.recordIphoneChecklist');
  const [saved, setSaved] = useState<{ label: string; sha256: string } | null>(null);
  const { register, handleSubmit, formState } = useForm<ChecklistValues>({
    resolver: zodResolver(checklistSchema),
    defaultValues: {
      phoneOf: 'victim',
      steps: Object.fromEntries(IPHONE_STEPS.map((id) => [id, { note: '' }])) as ChecklistValues['steps'],
    },
  });
  const submit = handleSubmit(async (values) => {
    const result = await record.run({
      hearingId,
      phoneOf: values.phoneOf,
      answers: IPHONE_STEPS.map((id) => ({ id, answer: values.steps[id].answer, note: values.steps[id].note })),
    });
    if (result.ok) setSaved({ label: result.value.evidenceLabel, sha256: result.value.sha256 });
  });
  if (saved)
    return (
      <div className="panel" role="status" data-iphone-saved={saved.label}>
        <p>{t('phoneCheck.iphone.saved', { label: saved.label })}</p>
        <p className="hash">SHA-256 {saved.sha256}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={onClose}>
            {t('phoneCheck.backToStep')}
          </button>
        </div>
      </div>
    );
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="iphone-title">
      <h4 id="iphone-title">{t('phoneCheck.iphone.title')}</h4>
      <p>{t('phoneCheck.iphone.intro')}</p>
      <PhoneOwnerField registration={register('phoneOf')} />
      <ol className="iphone-steps">
        {IPHONE_STEPS.map((id) => {
          const lookFor = checklist.find((c) => c.id === id)?.lookFor ?? [];
          const problem = formState.errors.steps?.[id]?.answer?.message;
          return (
            <li key={id} data-iphone-step={id}>
              <fieldset aria-describedby={`iphone-${id}-how`}>
                <legend>{t(`phoneCheck.iphone.steps.${id}.title`)}</legend>
                <p id={`iphone-${id}-how`} className="field-help">
                  {t(`phoneCheck.iphone.steps.${id}.how`)}
                  {lookFor.length > 0 ? ` (${lookFor.join(', ')})` : ''}
                </p>
                <div className="choices-inline">
                  {IPHONE_ANSWERS.map((a) => (
                    <label key={a} className="choice">
                      <input type="radio" value={a} {...register(`steps.${id}.answer`)} />{' '}
                      {t(`phoneCheck.iphone.answer.${a}`)}
                    </label>
                  ))}
                </div>
                <FieldError problem={problem} />
                <label className="iphone-note">
                  {t('phoneCheck.iphone.note')}
                  <input type="text" maxLength={2000} {...register(`steps.${id}.note`)} />
                </label>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <ErrorMessage error={record.error} />
      <FormActions
        submit={t('phoneCheck.iphone.submit')}
        pending={record.pending}
        onCancel={onClose}
        cancelLabel={t('phoneCheck.cancel')}
      />
    </form>
  );
}
