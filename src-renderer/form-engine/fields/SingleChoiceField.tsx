import { useEffect, useRef, useState } from 'react';
import { ChoiceFieldset } from './ChoiceFieldset';
import { LabelledField } from './LabelledField';
import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';

/**
 * One answer from a list: radio buttons, or a drop-down list when the definition asks for one. A
 * drop-down list still on its default (the risk items' source) is one line with one button to
 * change it: never a menu to fill in for each item.
 */
export function SingleChoiceField(props: KindProps<'singleChoice'>) {
  const { name, field, register, readOnly, onBlur, t, parts, earlier } = props;
  const [changing, setChanging] = useState(false);
  const select = useRef<HTMLSelectElement | null>(null);
  useEffect(() => {
    if (changing) select.current?.focus();
  }, [changing]);
  if (field.display === 'radio') return <ChoiceFieldset {...props} type="radio" />;
  const label = t(definitionKey(field.labelKey));
  if (earlier?.fromForm === null && !changing) {
    // Folded, the list has no control: the form keeps the default among its values all the same.
    const chosen = field.options.find((o) => o.value === earlier.value);
    return (
      <div className="field field-default" data-field={name} data-value={JSON.stringify(earlier.value)}>
        <span id={parts.inputId}>
          {label}
          {t('form.colon')} <strong>{chosen ? t(definitionKey(chosen.labelKey)) : ''}</strong>
        </span>{' '}
        {readOnly ? null : (
          <button
            type="button"
            className="link-button"
            aria-describedby={parts.inputId}
            onClick={() => setChanging(true)}
          >
            {t('answer.earlier.change')}
          </button>
        )}
      </div>
    );
  }
  const registration = register(name, { onBlur });
  return (
    <LabelledField name={name} label={label} parts={parts}>
      <select
        id={parts.inputId}
        aria-describedby={parts.describedBy}
        aria-invalid={parts.invalid}
        disabled={readOnly}
        {...registration}
        ref={(element) => {
          registration.ref(element);
          select.current = element;
        }}
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
