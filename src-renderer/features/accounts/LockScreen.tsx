import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionView, UserView } from '../../../src-main/api/contract';
import type { ApiError } from '../../api/client';
import { useMutation } from '../../data/use-channel';
import { FormActions, TextField } from '../../ui';
import { unlockSchema } from './account-schemas';
import { Centered } from './Centered';
import { stillSignedIn } from './still-signed-in';
import type { OfficerKey } from '../../../forms/translation';

/** Replaces the whole app: nothing of the hearing stays on screen or in the page. */
export function LockScreen({
  user,
  onUnlocked,
  onSignOut,
}: {
  user: UserView;
  onUnlocked: (session: SessionView) => void;
  onSignOut: (reason?: ApiError) => void;
}) {
  const { t } = useTranslation();
  const unlock = useMutation('session.unlock');
  const {
    register,
    handleSubmit,
    formState,
    resetField,
    setError: setFieldError,
  } = useForm({ resolver: zodResolver(unlockSchema), defaultValues: { password: '' } });
  const submit = handleSubmit(async (values) => {
    const result = await unlock.run(values);
    resetField('password');
    if (result.ok) return onUnlocked(result.value);
    // Signed out by main (the account locked or was deactivated): the sign-in screen takes over.
    if (result.error.code !== 'BAD_CREDENTIALS' || !(await stillSignedIn())) return onSignOut(result.error);
    setFieldError('password', { message: 'account.currentPasswordWrong' satisfies OfficerKey }, { shouldFocus: true });
  });
  return (
    <Centered title={t('lock.title')}>
      <p>{t('lock.intro', { name: user.displayName })}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {/* Lets password managers and screen readers know whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <TextField
          id="unlock-password"
          autoFocus
          type="password"
          label={t('account.password')}
          autoComplete="current-password"
          error={formState.errors.password?.message}
          registration={register('password')}
        />
        <FormActions
          submit={t('lock.unlock')}
          pending={formState.isSubmitting}
          onCancel={() => onSignOut()}
          cancelLabel={t('app.signOut')}
        />
      </form>
    </Centered>
  );
}
