import type { ReactNode } from 'react';

/**
 * The buttons under a form or a question: the submit first (primary unless told otherwise), then
 * cancel when there is one, then anything else passed as children.
 */
export function FormActions({
  submit,
  pending = false,
  primary = true,
  submitClassName,
  onCancel,
  cancelLabel,
  children,
}: {
  /** The submit button's label; none, and only the children show. */
  submit?: string;
  /** Disables the submit while the form is being sent. */
  pending?: boolean;
  primary?: boolean;
  /** Replaces the submit's class (e.g. 'primary danger-primary'). */
  submitClassName?: string;
  onCancel?: (() => void) | undefined;
  cancelLabel?: string;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      {submit ? (
        <button type="submit" className={submitClassName ?? (primary ? 'primary' : undefined)} disabled={pending}>
          {submit}
        </button>
      ) : null}
      {onCancel && cancelLabel ? (
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : null}
      {children}
    </div>
  );
}
