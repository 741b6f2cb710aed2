import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, TextField } from '../../ui';
import { firstRunSchema } from './account-schemas';
import { Centered } from './Centered';
import { NewPasswordFields } from './NewPasswordFields';

export function FirstRunScreen({
  passwordMinLength,
  onDone,
}: {
  passwordMinLength: number;
  onDone: (session: SessionView) => void;
}) {
  const { t } = useTranslation();
  const create = useMutation('setup.createAdministrator');
  const { register, handleSubmit, formState } = useForm({
    resolver: zodResolver(firstRunSchema),
    defaultValues: { username: '', displayName: '', password: '', confirmPassword: '' },
  });
  const submit = handleSubmit(async (values) => {
    const result = await create.run({
      username: values.username,
      displayName: values.displayName,
      password: values.password,
    });
    if (result.ok) onDone(result.value);
  });
  return (
    <Centered title={t('firstRun.title')}>
      <p>{t('firstRun.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="username"
          label={t('account.username')}
          autoComplete="username"
          error={formState.errors.username?.message}
          registration={register('username')}
        />
        <TextField
          id="displayName"
          label={t('account.displayName')}
          autoComplete="name"
          error={formState.errors.displayName?.message}
          registration={register('displayName')}
        />
        <NewPasswordFields
          id="password"
          label={t('account.password')}
          minLength={passwordMinLength}
          error={formState.errors.password?.message}
          registration={register('password')}
          confirmation={{
            id: 'confirmPassword',
            label: t('account.confirmPassword'),
            error: formState.errors.confirmPassword?.message,
            registration: register('confirmPassword'),
          }}
        />
        <ErrorMessage error={create.error} />
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('firstRun.submit')}
        </button>
      </form>
    </Centered>
  );
}
