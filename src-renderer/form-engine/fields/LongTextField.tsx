import { LabelledField } from './LabelledField';
import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';

/** A text of several lines: taller when the definition allows a long one. */
export function LongTextField({ name, field, register, readOnly, onBlur, t, parts }: KindProps<'longText'>) {
  return (
    <LabelledField name={name} label={t(definitionKey(field.labelKey))} parts={parts}>
      <textarea
        id={parts.inputId}
        rows={field.maxLength <= 5_000 ? 3 : 8}
        aria-describedby={parts.describedBy}
        aria-invalid={parts.invalid}
        readOnly={readOnly}
        {...register(name, { onBlur })}
      />
    </LabelledField>
  );
}
