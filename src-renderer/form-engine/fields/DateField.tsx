import { LabelledField } from './LabelledField';
import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';

/** A calendar date, or a date and a time: the browser's own picker. */
export function DateField({ name, field, register, readOnly, onBlur, t, parts }: KindProps<'date' | 'dateTime'>) {
  return (
    <LabelledField name={name} label={t(definitionKey(field.labelKey))} parts={parts}>
      <input
        id={parts.inputId}
        type={field.kind === 'date' ? 'date' : 'datetime-local'}
        aria-describedby={parts.describedBy}
        aria-invalid={parts.invalid}
        readOnly={readOnly}
        autoComplete="off"
        {...register(name, { onBlur })}
      />
    </LabelledField>
  );
}
