import { LabelledField } from './LabelledField';
import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';

/** A text of one line. */
export function ShortTextField({ name, field, register, readOnly, onBlur, t, parts }: KindProps<'shortText'>) {
  return (
    <LabelledField name={name} label={t(definitionKey(field.labelKey))} parts={parts}>
      <input
        id={parts.inputId}
        type="text"
        aria-describedby={parts.describedBy}
        aria-invalid={parts.invalid}
        readOnly={readOnly}
        autoComplete="off"
        {...register(name, { onBlur })}
      />
    </LabelledField>
  );
}
