import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { FormActions } from '../../ui/FormActions';
import { NewPasswordFields } from '../accounts/NewPasswordFields';
import { besideField, resetSchema } from './user-forms';

export function ResetPasswordForm({
  user,
  passwordMinLength,
  onDone,
  onCancel,
}: {
  user: UserView;
  passwordMinLength: number | null;
  onDone: (user: UserView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const resetPassword = useMutation('users.resetPassword');
  const {
    register,
    handleSubmit,
    formState,
    setError: setFieldError,
  } = useForm({ resolver: zodResolver(resetSchema), defaultValues: { password: '' } });
  const submit = handleSubmit(async (values) => {
    const result = await resetPassword.run(
      { userId: user.id, password: values.password },
      besideField(setFieldError, ['password']),
    );
    if (result.ok) onDone(result.value.user);
  });
  return (
    <form
      className="narrow panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="reset-title"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2 id="reset-title">{t('users.resetTitle', { username: user.username })}</h2>
      <NewPasswordFields
        id="reset-password"
        label={t('users.temporaryPassword')}
        note={t('users.temporaryPasswordHint')}
        minLength={passwordMinLength}
        autoFocus
        error={formState.errors.password?.message}
        registration={register('password')}
      />
      <ErrorMessage error={resetPassword.error} />
      <FormActions
        submit={t('users.resetSubmit')}
        pending={formState.isSubmitting}
        onCancel={onCancel}
        cancelLabel={t('users.cancel')}
      />
    </form>
  );
}
