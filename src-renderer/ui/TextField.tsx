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
  registration,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  type?: 'text' | 'password';
  autoComplete?: string;
  hint?: string | undefined;
  autoFocus?: boolean;
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
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...registration}
      />
      <FieldError id={`${id}-error`} problem={error} />
    </div>
  );
}
