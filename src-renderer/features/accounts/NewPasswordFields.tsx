import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui';

/**
 * A password being set (her first, a new one, a temporary one given by an administrator): its
 * field with the policy's minimum in the hint, and, where she types it twice, its confirmation
 * (the form's schema compares the two). Main checks the policy again.
 */
export function NewPasswordFields({
  id,
  label,
  note,
  minLength,
  autoFocus,
  error,
  registration,
  confirmation,
}: {
  id: string;
  label: string;
  /** Said before the policy's minimum in the hint. */
  note?: string;
  /** The policy's minimum length; none while it is not known. */
  minLength: number | null | undefined;
  autoFocus?: boolean | undefined;
  error: string | undefined;
  registration: object;
  confirmation?: { id: string; label: string; error: string | undefined; registration: object };
}) {
  const { t } = useTranslation();
  const hint = [note, minLength ? t('account.passwordHint', { count: minLength }) : ''].filter(Boolean).join(' ');
  return (
    <>
      <TextField
        id={id}
        type="password"
        label={label}
        hint={hint || undefined}
        autoComplete="new-password"
        autoFocus={autoFocus}
        error={error}
        registration={registration}
      />
      {confirmation ? (
        <TextField
          id={confirmation.id}
          type="password"
          label={confirmation.label}
          autoComplete="new-password"
          error={confirmation.error}
          registration={confirmation.registration}
        />
      ) : null}
    </>
  );
}
