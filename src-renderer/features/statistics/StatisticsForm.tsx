import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { STATISTICS_GRANULARITIES } from '../../../domain/statistics-rules';
import { brusselsToday } from '../../i18n';
import { DateInput, FieldError, FormActions, problemKey } from '../../ui';
import { isoDayToText } from '../../ui/dates';
import { MAX_YEARS, statisticsRangeSchema, type StatisticsRange, type StatisticsRangeDraft } from './statistics-range';

/** The period and the breakdown; a range main would refuse is named beside its field, nothing sent. */
export function StatisticsForm({
  pending,
  onSubmit,
  onInvalid,
}: {
  pending: boolean;
  onSubmit: (range: StatisticsRange) => Promise<void>;
  onInvalid: () => void;
}) {
  const { t } = useTranslation();
  const today = brusselsToday();
  const { register, handleSubmit, formState } = useForm<StatisticsRangeDraft, unknown, StatisticsRange>({
    resolver: zodResolver(statisticsRangeSchema),
    defaultValues: { from: isoDayToText(`${today.slice(0, 4)}-01-01`), to: isoDayToText(today), granularity: 'month' },
    // The problem stays until the next try, and focus stays where she is.
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const errors = formState.errors;
  const problem = errors.from?.message ?? errors.to?.message;
  const invalid = (field: 'from' | 'to') => (errors[field] ? true : undefined);
  const describedBy = (field: 'from' | 'to') => (errors[field] ? 'statistics-range-error' : undefined);
  return (
    <form
      className="statistics-form"
      onSubmit={(e) => void handleSubmit(onSubmit, onInvalid)(e)}
      noValidate
      aria-labelledby="statistics-form-title"
    >
      <h2 id="statistics-form-title" className="visually-hidden">
        {t('statistics.choose')}
      </h2>
      <div className="statistics-fields">
        <div className="field">
          <label htmlFor="statistics-from">{t('statistics.from')}</label>
          <DateInput
            id="statistics-from"
            invalid={invalid('from')}
            describedBy={describedBy('from')}
            registration={register('from')}
          />
        </div>
        <div className="field">
          <label htmlFor="statistics-to">{t('statistics.to')}</label>
          <DateInput
            id="statistics-to"
            invalid={invalid('to')}
            describedBy={describedBy('to')}
            registration={register('to')}
          />
        </div>
        <fieldset className="field">
          <legend>{t('statistics.granularity')}</legend>
          <div className="choices">
            {STATISTICS_GRANULARITIES.map((g) => (
              <label key={g} className="choice">
                <input type="radio" value={g} {...register('granularity')} />
                <span>{t(`statistics.by.${g}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <FieldError id="statistics-range-error">
        {problem ? t(problemKey(problem), { years: MAX_YEARS }) : null}
      </FieldError>
      <p className="field-help">{t('statistics.rangeHelp', { years: MAX_YEARS })}</p>
      <FormActions submit={t('statistics.show')} pending={pending} />
    </form>
  );
}
