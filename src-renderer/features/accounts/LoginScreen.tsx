import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../src-main/api/contract';
import type { ApiError } from '../../api/client';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, TextField } from '../../ui';
import { loginSchema } from './account-schemas';
import { Centered } from './Centered';

export function LoginScreen({
  onSignedIn,
  notice = null,
}: {
  onSignedIn: (session: SessionView) => void;
  /** Why she is here (the session ended, the account locked), until she tries again. */
  notice?: ApiError | null;
}) {
  const { t } = useTranslation();
  const login = useMutation('session.login');
  // The notice stays until an attempt of hers is refused.
  const [refused, setRefused] = useState(false);
  const { register, handleSubmit, formState, resetField } = useForm({
    resolver: zodResolver(loginSchema),
    defaultValues: { username: '', password: '' },
  });
  const submit = handleSubmit(async (values) => {
    const result = await login.run(values);
    if (result.ok) return onSignedIn(result.value);
    resetField('password');
    setRefused(true);
  });
  return (
    <Centered title={t('login.title')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="username"
          label={t('account.username')}
          autoComplete="username"
          autoFocus
          error={formState.errors.username?.message}
          registration={register('username')}
        />
        <TextField
          id="password"
          type="password"
          label={t('account.password')}
          autoComplete="current-password"
          error={formState.errors.password?.message}
          registration={register('password')}
        />
        <ErrorMessage error={refused ? login.error : notice} />
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('login.submit')}
        </button>
      </form>
    </Centered>
  );
}
