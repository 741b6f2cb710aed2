import type { HTMLAttributes } from 'react';
import { FieldError, describedBy } from './FieldError';

/**
 * A labelled text or password input registered with react-hook-form, its hint above and its
 * problem (a catalog key) below, both tied to it for screen readers.
 */
export function TextField({
  id,
  label,
  error,
  type = 'text',
  autoComplete,
  hint,
  autoFocus,
  maxLength,
  inputMode,
  spellCheck,
  registration,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  type?: 'text' | 'password';
  autoComplete?: string;
  hint?: string | undefined;
  autoFocus?: boolean;
  /** The most characters it takes (the schema's own limit, so typing stops there). */
  maxLength?: number | undefined;
  /** The on-screen keyboard to offer (`url` for an address). */
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** False for what is copied as written (identifiers, addresses, names of files). */
  spellCheck?: boolean | undefined;
  registration: object;
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
        type={type}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        inputMode={inputMode}
        maxLength={maxLength}
        spellCheck={spellCheck}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...registration}
      />
      <FieldError id={`${id}-error`} problem={error} />
    </div>
  );
}
