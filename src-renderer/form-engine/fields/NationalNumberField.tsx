import { LabelledField } from './LabelledField';
import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';

/**
 * A national register or BIS number, typed as the officer reads it off the card, with or without
 * dots, dashes and spaces: the form holds the text as typed, the answer is its eleven digits
 * (values.ts), shown again grouped YY.MM.DD-SSS.CC.
 */
export function NationalNumberField({
  name,
  field,
  register,
  readOnly,
  onBlur,
  t,
  parts,
}: KindProps<'nationalNumber'>) {
  return (
    <LabelledField name={name} label={t(definitionKey(field.labelKey))} parts={parts}>
      <input
        id={parts.inputId}
        type="text"
        className="national-number-input"
        placeholder={t('answer.nationalNumber.placeholder')}
        data-national-number-input=""
        aria-describedby={parts.describedBy}
        aria-invalid={parts.invalid}
        readOnly={readOnly}
        autoComplete="off"
        spellCheck={false}
        // Eleven digits and up to a separator with spaces around it between each: room to paste any grouping.
        maxLength={40}
        {...register(name, { onBlur })}
      />
    </LabelledField>
  );
}
