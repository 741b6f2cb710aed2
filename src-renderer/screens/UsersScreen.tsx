import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { UserView } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage, TextField } from '../app/common';

const ROLES = ['officer', 'supervisor', 'administrator'] as const;
const required = z.string().trim().min(1, { error: 'form.required' });
const newUserSchema = z.object({ username: required, displayName: required, password: required, role: z.enum(ROLES) });

/** The administrator's accounts page: administrators manage people, they do not read hearings. */
export function UsersScreen() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<UserView | null>(null);
  const [passwordMinLength, setPasswordMinLength] = useState<number | null>(null);
  const { register, handleSubmit, formState, reset } = useForm({
    resolver: zodResolver(newUserSchema),
    defaultValues: { username: '', displayName: '', password: '', role: 'officer' as const },
  });

  const load = useCallback(async () => {
    const result = await call('users.list', {});
    if (result.ok) setUsers(result.value.users);
    else setError(result.error);
  }, []);
  useEffect(() => {
    void load();
    void call('setup.status', {}).then((result) => result.ok && setPasswordMinLength(result.value.passwordMinLength));
  }, [load]);

  const submit = handleSubmit(async (values) => {
    setError(null);
    setCreated(null);
    const result = await call('users.create', values);
    if (!result.ok) return setError(result.error);
    setCreated(result.value.user);
    reset();
    await load();
  });

  return (
    <section className="page" aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t('account.username')}</th>
            <th scope="col">{t('account.displayName')}</th>
            <th scope="col">{t('account.role')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.displayName}</td>
              <td>{t(`role.${u.role}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('users.create')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <TextField id="new-username" label={t('account.username')} autoComplete="off" error={formState.errors.username?.message} registration={register('username')} />
        <TextField id="new-displayName" label={t('account.displayName')} autoComplete="off" error={formState.errors.displayName?.message} registration={register('displayName')} />
        <TextField id="new-password" type="password" label={t('users.initialPassword')} hint={passwordMinLength ? t('account.passwordHint', { count: passwordMinLength }) : undefined} autoComplete="new-password" error={formState.errors.password?.message} registration={register('password')} />
        <div className="field">
          <label htmlFor="new-role">{t('account.role')}</label>
          <select id="new-role" {...register('role')}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={error} />
        {created ? (
          <p role="status" className="success">
            {t('users.created', { username: created.username })}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('users.createSubmit')}
        </button>
      </form>
    </section>
  );
}
