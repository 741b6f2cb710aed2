import { zodResolver } from '@hookform/resolvers/zod';
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionView, UserView } from '../../../src-main/api/contract';
import type { ApiError } from '../../api/client';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, FormActions, TextField } from '../../ui';
import { changePasswordSchema } from './account-schemas';
import { NewPasswordFields } from './NewPasswordFields';
import { stillSignedIn } from './still-signed-in';
import { usePasswordMinLength } from './use-password-min-length';
import type { OfficerKey } from '../../../forms/translation';

/**
 * She replaces her password, giving the current one: the temporary one after a reset (forced),
 * or her own from the top bar. Main's refusals land next to the field they are about.
 */
export function ChangePasswordForm({
  user,
  forced,
  onChanged,
  onSignOut,
  secondary,
}: {
  user: UserView;
  forced: boolean;
  onChanged: (session: SessionView) => void;
  onSignOut: (reason: ApiError) => void;
  /** A second button beside the submit one (cancel, or sign out). */
  secondary: ReactNode;
}) {
  const { t } = useTranslation();
  const rule = usePasswordMinLength();
  const change = useMutation('session.changePassword');
  const {
    register,
    handleSubmit,
    formState,
    reset,
    setError: setFieldError,
  } = useForm({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const submit = handleSubmit(async (values) => {
    const input = { currentPassword: values.currentPassword, newPassword: values.newPassword };
    let signedOut = false;
    const result = await change.run(input, async ({ code }) => {
      // Main ended the session (too many wrong passwords): the sign-in screen takes over.
      signedOut = code === 'NOT_SIGNED_IN' || (code === 'BAD_CREDENTIALS' && !(await stillSignedIn()));
      if (signedOut) return true;
      if (code === 'BAD_CREDENTIALS') {
        reset({ ...values, currentPassword: '' });
        setFieldError(
          'currentPassword',
          { message: 'account.currentPasswordWrong' satisfies OfficerKey },
          { shouldFocus: true },
        );
        return true;
      }
      if (code === 'WEAK_PASSWORD' || code === 'PASSWORD_UNCHANGED') {
        setFieldError('newPassword', { message: `error.${code}` }, { shouldFocus: true });
        return true;
      }
      return false;
    });
    if (result.ok) {
      reset();
      return onChanged(result.value);
    }
    if (signedOut) onSignOut(result.error);
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
      {/* Lets password managers know whose password changes. */}
      <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
      <TextField
        id="current-password"
        type="password"
        label={forced ? t('account.temporaryPassword') : t('account.currentPassword')}
        autoComplete="current-password"
        autoFocus={forced}
        error={formState.errors.currentPassword?.message}
        registration={register('currentPassword')}
      />
      <NewPasswordFields
        id="change-new-password"
        label={t('account.newPassword')}
        minLength={rule.passwordMinLength}
        error={formState.errors.newPassword?.message}
        registration={register('newPassword')}
        confirmation={{
          id: 'change-confirm-password',
          label: t('account.confirmNewPassword'),
          error: formState.errors.confirmPassword?.message,
          registration: register('confirmPassword'),
        }}
      />
      <ErrorMessage error={change.error ?? rule.error} />
      <FormActions submit={t('account.changePasswordSubmit')} pending={formState.isSubmitting}>
        {secondary}
      </FormActions>
    </form>
  );
}
