import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { SessionView, UserView } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage, LanguageSwitch, TextField } from '../app/common';

// Only presence is checked here; main checks everything (and the password policy) again.
const required = z.string().trim().min(1, { error: 'form.required' });

const firstRunSchema = z
  .object({ username: required, displayName: required, password: required, confirmPassword: required })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], error: 'firstRun.passwordsDiffer' });

function Centered({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="centered">
      <div className="card">
        <p className="app-name">{t('app.name')}</p>
        <h1>{title}</h1>
        {children}
        <LanguageSwitch />
      </div>
    </main>
  );
}

export function FirstRunScreen({
  passwordMinLength,
  onDone,
}: {
  passwordMinLength: number;
  onDone: (session: SessionView) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const { register, handleSubmit, formState } = useForm({
    resolver: zodResolver(firstRunSchema),
    defaultValues: { username: '', displayName: '', password: '', confirmPassword: '' },
  });
  const submit = handleSubmit(async (values) => {
    const result = await call('setup.createAdministrator', {
      username: values.username,
      displayName: values.displayName,
      password: values.password,
    });
    if (result.ok) onDone(result.value);
    else setError(result.error);
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
        <TextField
          id="password"
          type="password"
          label={t('account.password')}
          hint={t('account.passwordHint', { count: passwordMinLength })}
          autoComplete="new-password"
          error={formState.errors.password?.message}
          registration={register('password')}
        />
        <TextField
          id="confirmPassword"
          type="password"
          label={t('account.confirmPassword')}
          autoComplete="new-password"
          error={formState.errors.confirmPassword?.message}
          registration={register('confirmPassword')}
        />
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('firstRun.submit')}
        </button>
      </form>
    </Centered>
  );
}

const loginSchema = z.object({ username: required, password: required });

export function LoginScreen({
  onSignedIn,
  notice = null,
}: {
  onSignedIn: (session: SessionView) => void;
  notice?: ApiError | null;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(notice);
  const { register, handleSubmit, formState, resetField } = useForm({
    resolver: zodResolver(loginSchema),
    defaultValues: { username: '', password: '' },
  });
  const submit = handleSubmit(async (values) => {
    const result = await call('session.login', values);
    if (result.ok) return onSignedIn(result.value);
    resetField('password');
    setError(result.error);
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
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('login.submit')}
        </button>
      </form>
    </Centered>
  );
}

/**
 * Main gives one answer to every refused password, and ends the session when the refusals locked
 * the account (or it was deactivated meanwhile): whether the window is still signed in tells which.
 */
async function stillSignedIn(): Promise<boolean> {
  const result = await call('session.current', {});
  return result.ok && result.value.user !== null;
}

const unlockSchema = z.object({ password: required });

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
  const {
    register,
    handleSubmit,
    formState,
    resetField,
    setError: setFieldError,
  } = useForm({ resolver: zodResolver(unlockSchema), defaultValues: { password: '' } });
  const submit = handleSubmit(async (values) => {
    const result = await call('session.unlock', values);
    resetField('password');
    if (result.ok) return onUnlocked(result.value);
    // Signed out by main (the account locked or was deactivated): the sign-in screen takes over.
    if (result.error.code !== 'BAD_CREDENTIALS' || !(await stillSignedIn())) return onSignOut(result.error);
    setFieldError('password', { message: 'account.currentPasswordWrong' }, { shouldFocus: true });
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
        <div className="actions">
          <button type="submit" className="primary" disabled={formState.isSubmitting}>
            {t('lock.unlock')}
          </button>
          <button type="button" onClick={() => onSignOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </form>
    </Centered>
  );
}

const changePasswordSchema = z
  .object({ currentPassword: required, newPassword: required, confirmPassword: required })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'firstRun.passwordsDiffer' });

/** The password rule, which only main knows for sure (config.json). */
function usePasswordMinLength(): number | null {
  const [length, setLength] = useState<number | null>(null);
  useEffect(() => {
    void call('setup.status', {}).then((result) => result.ok && setLength(result.value.passwordMinLength));
  }, []);
  return length;
}

/**
 * She replaces her password, giving the current one: the temporary one after a reset (forced),
 * or her own from the top bar. Main's refusals land next to the field they are about.
 */
function ChangePasswordForm({
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
  secondary: React.ReactNode;
}) {
  const { t } = useTranslation();
  const passwordMinLength = usePasswordMinLength();
  const [error, setError] = useState<ApiError | null>(null);
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
    setError(null);
    const result = await call('session.changePassword', {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (result.ok) {
      reset();
      return onChanged(result.value);
    }
    const { code } = result.error;
    // Main ended the session (too many wrong passwords): the sign-in screen takes over.
    if (code === 'NOT_SIGNED_IN' || (code === 'BAD_CREDENTIALS' && !(await stillSignedIn())))
      return onSignOut(result.error);
    if (code === 'BAD_CREDENTIALS') {
      reset({ ...values, currentPassword: '' });
      return setFieldError('currentPassword', { message: 'account.currentPasswordWrong' }, { shouldFocus: true });
    }
    if (code === 'WEAK_PASSWORD' || code === 'PASSWORD_UNCHANGED')
      return setFieldError('newPassword', { message: `error.${code}` }, { shouldFocus: true });
    setError(result.error);
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
      <TextField
        id="change-new-password"
        type="password"
        label={t('account.newPassword')}
        hint={passwordMinLength ? t('account.passwordHint', { count: passwordMinLength }) : undefined}
        autoComplete="new-password"
        error={formState.errors.newPassword?.message}
        registration={register('newPassword')}
      />
      <TextField
        id="change-confirm-password"
        type="password"
        label={t('account.confirmNewPassword')}
        autoComplete="new-password"
        error={formState.errors.confirmPassword?.message}
        registration={register('confirmPassword')}
      />
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {t('account.changePasswordSubmit')}
        </button>
        {secondary}
      </div>
    </form>
  );
}

/** After a reset by the administrator: nothing else opens until she has chosen her own password. */
export function ForcedPasswordChangeScreen({
  user,
  onChanged,
  onSignOut,
}: {
  user: UserView;
  onChanged: (session: SessionView) => void;
  onSignOut: (reason?: ApiError) => void;
}) {
  const { t } = useTranslation();
  return (
    <Centered title={t('account.forcedTitle')}>
      <p>{t('account.forcedIntro', { name: user.displayName })}</p>
      <ChangePasswordForm
        user={user}
        forced
        onChanged={onChanged}
        onSignOut={onSignOut}
        secondary={
          <button type="button" onClick={() => onSignOut()}>
            {t('app.signOut')}
          </button>
        }
      />
    </Centered>
  );
}

/** From the top bar: any signed-in person changes her own password. */
export function ChangePasswordPage({
  user,
  onClose,
  onSignOut,
}: {
  user: UserView;
  onClose: () => void;
  onSignOut: (reason: ApiError) => void;
}) {
  const { t } = useTranslation();
  const [changed, setChanged] = useState(false);
  return (
    <section className="page" aria-labelledby="change-password-title">
      <h1 id="change-password-title">{t('account.changePasswordTitle')}</h1>
      {changed ? (
        <>
          <p role="status" className="success">
            {t('account.passwordChanged')}
          </p>
          <button type="button" onClick={onClose}>
            {t('account.back')}
          </button>
        </>
      ) : (
        <ChangePasswordForm
          user={user}
          forced={false}
          onChanged={() => setChanged(true)}
          onSignOut={onSignOut}
          secondary={
            <button type="button" onClick={onClose}>
              {t('account.cancel')}
            </button>
          }
        />
      )}
    </section>
  );
}

/** The name of her unit, for the top bar (every role may read the units). */
export function useUnitName(unitId: string | null): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (unitId === null) return setName(null);
    let current = true;
    void call('units.list', {}).then((result) => {
      if (current && result.ok) setName(result.value.units.find((u) => u.id === unitId)?.name ?? null);
    });
    return () => {
      current = false;
    };
  }, [unitId]);
  return name;
}
