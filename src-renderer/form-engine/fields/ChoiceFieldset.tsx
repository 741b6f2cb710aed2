import type { KindProps } from './types';
import { definitionKey } from '../../../forms/translation';

/** Radio buttons (one answer) or check boxes (several), each option labelled beside its box. */
export function ChoiceFieldset({
  name,
  field,
  register,
  readOnly,
  onBlur,
  t,
  parts,
  type,
}: KindProps<'singleChoice' | 'multiChoice'> & { type: 'radio' | 'checkbox' }) {
  const registration = register(name, { onBlur });
  return (
    <fieldset className="field" aria-describedby={parts.describedBy} data-field={name}>
      <legend>{t(definitionKey(field.labelKey))}</legend>
      {parts.help}
      <div className="choices">
        {field.options.map((option) => (
          <label key={option.value} className="choice">
            <input type={type} value={option.value} disabled={readOnly} {...registration} />
            <span>{t(definitionKey(option.labelKey))}</span>
          </label>
        ))}
      </div>
      {parts.earlierNote}
      {parts.explainedAt}
      {parts.historyList}
      {parts.errorText}
      {parts.warningText}
    </fieldset>
  );
}
