import type { UseFormRegisterReturn } from 'react-hook-form';
import { describedBy, FieldError } from '../../ui';

/**
 * A one-line text of the evidence forms: its hint and its problem tied to the input. The kit's
 * TextField takes no maxLength, inputMode or spellCheck, which these fields need.
 */
export function EvidenceTextInput({
  id,
  label,
  registration,
  max,
  problem,
  hint,
  inputMode,
}: {
  id: string;
  label: string;
  registration: UseFormRegisterReturn;
  max: number;
  problem?: string | undefined;
  hint?: string | undefined;
  inputMode?: 'url' | 'text' | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-help">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        maxLength={max}
        {...registration}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy(id, hint, problem)}
        spellCheck={false}
      />
      <FieldError id={`${id}-error`} problem={problem} />
    </div>
  );
}
