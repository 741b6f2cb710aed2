import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ChangeEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { OfficerKey } from '../../../forms/translation';
import {
  CATALOG_REVIEW_PROBLEMS,
  catalogReviewSchema,
  REVIEW_STATUSES,
  REVIEWER_MAX_LENGTH,
} from '../../../forms/victim-catalogs';
import type { ApiError } from '../../api/client';
import { useMutation } from '../../data/use-channel';
import { brusselsToday } from '../../i18n';
import { DateInput, describedBy, Dialog, ErrorMessage, FieldError, FormActions, TextField } from '../../ui';
import { isoDayToText, typedCalendarDay } from '../../ui/dates';
import type { Catalog } from './CatalogTable';

/** Main's rules (forms/victim-catalogs.ts), an empty day said as such, and no day after today in Brussels. */
const reviewForm = catalogReviewSchema.omit({ language: true }).extend({
  reviewedOn: z
    .string()
    .trim()
    .min(1, { error: 'form.required' satisfies OfficerKey })
    .pipe(catalogReviewSchema.shape.reviewedOn)
    .refine((day) => day <= brusselsToday(), { error: 'languages.review.problem.future' satisfies OfficerKey }),
});
type ReviewValues = z.input<typeof reviewForm>;
type ReviewField = keyof ReviewValues;

/**
 * The administrator records that a qualified translator reviewed (or swore) one catalog: the kind
 * of review, who, and the day (dd/mm/yyyy). A correction is recorded the same way, over the last.
 */
export function ReviewCatalogForm({
  catalog,
  languageName,
  onDone,
  onCancel,
}: {
  catalog: Catalog;
  /** The language's name in the interface's language. */
  languageName: string;
  onDone: (catalog: Catalog) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const review = useMutation('documents.reviewVictimCatalog');
  const { meta } = catalog;
  const reviewed = meta.status !== 'machine';
  const { register, handleSubmit, formState, setValue, setError, trigger } = useForm<ReviewValues>({
    resolver: zodResolver(reviewForm),
    // A correction starts from what is recorded; a first review from nothing.
    defaultValues: {
      status: meta.status === 'sworn' ? 'sworn' : 'reviewed',
      reviewer: reviewed ? (meta.reviewedBy ?? '') : '',
      reviewedOn: reviewed ? (meta.reviewedOn ?? '') : '',
    },
  });
  const [dayText, setDayText] = useState(reviewed && meta.reviewedOn ? isoDayToText(meta.reviewedOn) : '');
  const errors = formState.errors;

  /** Main names the field it refused (VALIDATION), never why: each field's problem, beside it. */
  const beside = (error: ApiError): boolean => {
    const fields = (error.fields ?? []).filter((f): f is keyof typeof CATALOG_REVIEW_PROBLEMS =>
      Object.hasOwn(CATALOG_REVIEW_PROBLEMS, f),
    );
    if (error.code !== 'VALIDATION' || fields.length === 0) return false;
    for (const field of fields) {
      const message = CATALOG_REVIEW_PROBLEMS[field];
      if (field === 'language') setError('root', { message });
      else setError(field, { message }, { shouldFocus: true });
    }
    return true;
  };
  const submit = handleSubmit(async (values) => {
    const result = await review.run({ language: meta.language, ...values }, beside);
    if (result.ok) onDone(result.value.catalog);
  });
  const problem = (field: ReviewField) => errors[field]?.message;

  return (
    <Dialog
      id="catalog-review"
      className="panel narrow confirm catalog-review"
      title={t('languages.review.title', { language: languageName })}
      text={t('languages.review.text')}
      onCancel={onCancel}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FieldError problem={errors.root?.message} />
        <fieldset className="field" aria-describedby={problem('status') ? 'catalog-review-status-error' : undefined}>
          <legend>{t('languages.review.status')}</legend>
          <div className="choices">
            {REVIEW_STATUSES.map((status) => (
              <label key={status} className="choice">
                <input type="radio" value={status} {...register('status')} />
                <span>{t(`languages.status.${status}`)}</span>
              </label>
            ))}
          </div>
          <FieldError id="catalog-review-status-error" problem={problem('status')} />
        </fieldset>
        <TextField
          id="catalog-review-reviewer"
          label={t('languages.review.reviewer')}
          hint={t('languages.review.reviewerHint', { example: t('languages.how.exampleReviewer') })}
          error={problem('reviewer')}
          maxLength={REVIEWER_MAX_LENGTH}
          registration={register('reviewer')}
          autoComplete="off"
        />
        <div className="field">
          <label htmlFor="catalog-review-day">{t('languages.review.reviewedOn')}</label>
          <p id="catalog-review-day-hint" className="field-help">
            {t('languages.review.reviewedOnHint')}
          </p>
          <DateInput
            id="catalog-review-day"
            invalid={problem('reviewedOn') ? true : undefined}
            describedBy={describedBy('catalog-review-day', true, problem('reviewedOn'))}
            registration={{
              value: dayText,
              // The day as typed; the form holds its ISO day, or the text itself, which the schema refuses.
              onChange: (e: ChangeEvent<HTMLInputElement>) => {
                setDayText(e.target.value);
                const text = e.target.value.trim();
                setValue('reviewedOn', typedCalendarDay(text) ?? text, {
                  shouldValidate: errors.reviewedOn !== undefined,
                });
              },
              onBlur: () => {
                if (dayText.trim() !== '') void trigger('reviewedOn');
              },
            }}
          />
          <FieldError id="catalog-review-day-error" problem={problem('reviewedOn')} />
        </div>
        <ErrorMessage error={review.error} />
        <FormActions
          submit={t('languages.review.save')}
          pending={formState.isSubmitting}
          onCancel={onCancel}
          cancelLabel={t('languages.review.cancel')}
        />
      </form>
    </Dialog>
  );
}
