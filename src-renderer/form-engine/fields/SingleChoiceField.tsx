import { ChoiceFieldset } from './ChoiceFieldset';
import { LabelledField } from './LabelledField';
import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';

/** One answer from a list: radio buttons, or a drop-down list when the definition asks for one. */
export function SingleChoiceField(props: KindProps<'singleChoice'>) {
  const { name, field, register, readOnly, onBlur, t, parts } = props;
  if (field.display === 'radio') return <ChoiceFieldset {...props} type="radio" />;
  return (
    <LabelledField name={name} label={t(definitionKey(field.labelKey))} parts={parts}>
      <select
        id={parts.inputId}
        aria-describedby={parts.describedBy}
        aria-invalid={parts.invalid}
        disabled={readOnly}
        {...register(name, { onBlur })}
      >
        <option value="">{t('answer.choose')}</option>
        {field.options.map((option) => (
          <option key={option.value} value={option.value}>
            {t(definitionKey(option.labelKey))}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
