import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../src-main/api/contract';
import { call, onSessionChanged, type ApiError } from '../api/client';
import { takeStart } from '../api/start-preload';
import { FirstRunScreen } from '../features/accounts/FirstRunScreen';
import { ForcedPasswordChangeScreen } from '../features/accounts/ForcedPasswordChangeScreen';
import { LockScreen } from '../features/accounts/LockScreen';
import { LoginScreen } from '../features/accounts/LoginScreen';
import { flushAllQueues, forgetAllQueues } from '../form-engine/autosave';
import { ErrorMessage, Loading } from '../ui';
import { navigate } from './navigation';
import { SignedIn } from './SignedIn';
import { UnsavedAtSignOut } from './UnsavedAtSignOut';

type AppState =
  | { kind: 'loading' }
  | { kind: 'unavailable'; error: ApiError }
  | { kind: 'firstRun'; passwordMinLength: number }
  | { kind: 'session'; session: SessionView };

export function App() {
  const { t } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'loading' });
  const [notice, setNotice] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    const [status, session] = await takeStart();
    if (!status.ok) return setState({ kind: 'unavailable', error: status.error });
    if (status.value.needsSetup)
      return setState({ kind: 'firstRun', passwordMinLength: status.value.passwordMinLength });
    setState(session.ok ? { kind: 'session', session: session.value } : { kind: 'unavailable', error: session.error });
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionChanged(() => void refresh());
  }, [refresh]);

  const [unsavedAtSignOut, setUnsavedAtSignOut] = useState(false);
  // Main's refusal to end the session: she is still signed in, and sees why.
  const [signOutError, setSignOutError] = useState<ApiError | null>(null);

  const signOut = useCallback(
    async (reason?: ApiError, force = false) => {
      // Answers typed but not yet saved would go with the session: say so instead.
      if (!(await flushAllQueues()) && !force && !reason) {
        setUnsavedAtSignOut(true);
        return;
      }
      setUnsavedAtSignOut(false);
      setSignOutError(null);
      const result = await call('session.logout', {});
      if (!result.ok) {
        setSignOutError(result.error);
        // What main holds decides what she sees: still signed in, her answers still queued.
        await refresh();
        return;
      }
      forgetAllQueues();
      setNotice(reason ?? null);
      navigate({ screen: 'home' });
      await refresh();
    },
    [refresh],
  );

  switch (state.kind) {
    case 'loading':
      return <Loading page />;
    case 'unavailable':
      return (
        <main className="centered">
          <div className="card">
            <h1>{t('app.name')}</h1>
            <ErrorMessage error={state.error} />
            <button type="button" onClick={() => void refresh()}>
              {t('app.retry')}
            </button>
          </div>
        </main>
      );
    case 'firstRun':
      return (
        <FirstRunScreen
          passwordMinLength={state.passwordMinLength}
          onDone={(session) => setState({ kind: 'session', session })}
        />
      );
    case 'session': {
      const { session } = state;
      if (!session.user)
        return (
          <LoginScreen
            notice={notice}
            onSignedIn={(s) => {
              setNotice(null);
              setState({ kind: 'session', session: s });
            }}
          />
        );
      if (session.locked) {
        return (
          <>
            <ErrorMessage error={signOutError} />
            <LockScreen
              user={session.user}
              onUnlocked={(s) => setState({ kind: 'session', session: s })}
              onSignOut={(reason) => void signOut(reason)}
            />
          </>
        );
      }
      if (session.user.mustChangePassword) {
        return (
          <>
            <ErrorMessage error={signOutError} />
            <ForcedPasswordChangeScreen
              user={session.user}
              onChanged={(s) => setState({ kind: 'session', session: s })}
              onSignOut={(reason) => void signOut(reason)}
            />
          </>
        );
      }
      return (
        <>
          {unsavedAtSignOut ? (
            <UnsavedAtSignOut
              onStay={() => setUnsavedAtSignOut(false)}
              onSignOut={() => void signOut(undefined, true)}
            />
          ) : null}
          <ErrorMessage error={signOutError} />
          <SignedIn
            session={session}
            user={session.user}
            onSession={(s) => setState({ kind: 'session', session: s })}
            onSignOut={(reason) => void signOut(reason)}
          />
        </>
      );
    }
  }
}
