import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';
import { DateInput } from '../../ui';

const MODES = ['on', 'between', 'about'] as const;

/** A date, a period between two dates, or an approximate time in words: the inputs of the mode chosen. */
export function PeriodField({
  name,
  field,
  register,
  readOnly,
  onBlur,
  t,
  parts,
  periodMode,
}: KindProps<'dateOrPeriod'> & { periodMode: string | undefined }) {
  const invalid = parts.invalid;
  return (
    <fieldset className="field period" aria-describedby={parts.describedBy} data-field={name}>
      <legend>{t(definitionKey(field.labelKey))}</legend>
      {parts.help}
      <div className="choices">
        {MODES.map((mode) => (
          <label key={mode} className="choice">
            <input type="radio" value={mode} disabled={readOnly} {...register(`${name}.mode`, { onBlur })} />
            <span>{t(`answer.period.${mode}`)}</span>
          </label>
        ))}
      </div>
      {periodMode === 'on' ? (
        <label className="inline">
          <span>{t('answer.period.date')}</span>
          <DateInput readOnly={readOnly} invalid={invalid} registration={register(`${name}.on`, { onBlur })} />
        </label>
      ) : periodMode === 'between' ? (
        <div className="inline-group">
          <label className="inline">
            <span>{t('answer.period.from')}</span>
            <DateInput readOnly={readOnly} invalid={invalid} registration={register(`${name}.from`, { onBlur })} />
          </label>
          <label className="inline">
            <span>{t('answer.period.to')}</span>
            <DateInput readOnly={readOnly} invalid={invalid} registration={register(`${name}.to`, { onBlur })} />
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
      {parts.errorText}
      {parts.warningText}
    </fieldset>
  );
}
