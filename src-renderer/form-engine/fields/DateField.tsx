import { LabelledField } from './LabelledField';
import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';
import { DateInput } from '../../ui';

/**
 * A calendar date, or a date and a time, typed dd/mm/yyyy (hh:mm) whatever the browser's locale:
 * the form holds the text as typed, the answer is ISO (values.ts).
 */
export function DateField({ name, field, register, readOnly, onBlur, t, parts }: KindProps<'date' | 'dateTime'>) {
  return (
    <LabelledField name={name} label={t(definitionKey(field.labelKey))} parts={parts}>
      <DateInput
        id={parts.inputId}
        withTime={field.kind === 'dateTime'}
        describedBy={parts.describedBy}
        invalid={parts.invalid}
        readOnly={readOnly}
        registration={register(name, { onBlur })}
      />
    </LabelledField>
  );
}
