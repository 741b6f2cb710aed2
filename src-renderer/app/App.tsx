import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, UserView } from '../../src-main/api/contract';
import { call, onSessionChanged, type ApiError } from '../api/client';
import { flushAllQueues, forgetAllQueues } from '../form-engine/autosave';
import {
  ChangePasswordPage,
  FirstRunScreen,
  ForcedPasswordChangeScreen,
  LockScreen,
  LoginScreen,
  useUnitName,
} from '../screens/AccountScreens';
import { HearingScreen } from '../features/hearing/HearingScreen';
import { MyHearingsScreen } from '../screens/MyHearingsScreen';
import { ErrorMessage, LanguageSwitch } from './common';
import { AuditAlert } from '../screens/AuditAlert';
import { useIdleLock } from './idle-lock';
import { navigate, useRoute } from './navigation';
import { takeStart } from '../api/start-preload';

// Screens an officer in the interview room never opens load when first shown, so that opening a
// hearing compiles less code.
const ReviewQueueScreen = lazy(() =>
  import('../screens/ReviewQueueScreen').then((m) => ({ default: m.ReviewQueueScreen })),
);
const StatisticsScreen = lazy(() =>
  import('../screens/StatisticsScreen').then((m) => ({ default: m.StatisticsScreen })),
);
const DirectoryScreen = lazy(() => import('../screens/DirectoryScreen').then((m) => ({ default: m.DirectoryScreen })));
const LanguagesScreen = lazy(() => import('../screens/LanguagesScreen').then((m) => ({ default: m.LanguagesScreen })));
const UsersScreen = lazy(() => import('../screens/UsersScreen').then((m) => ({ default: m.UsersScreen })));
const AuditScreen = lazy(() => import('../screens/AuditScreen').then((m) => ({ default: m.AuditScreen })));

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

  const signOut = useCallback(
    async (reason?: ApiError, force = false) => {
      // Answers typed but not yet saved would go with the session: say so instead.
      if (!(await flushAllQueues()) && !force && !reason) {
        setUnsavedAtSignOut(true);
        return;
      }
      setUnsavedAtSignOut(false);
      await call('session.logout', {});
      forgetAllQueues();
      setNotice(reason ?? null);
      navigate({ screen: 'home' });
      await refresh();
    },
    [refresh],
  );

  switch (state.kind) {
    case 'loading':
      return <p className="loading">{t('app.loading')}</p>;
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
          <LockScreen
            user={session.user}
            onUnlocked={(s) => setState({ kind: 'session', session: s })}
            onSignOut={(reason) => void signOut(reason)}
          />
        );
      }
      if (session.user.mustChangePassword) {
        return (
          <ForcedPasswordChangeScreen
            user={session.user}
            onChanged={(s) => setState({ kind: 'session', session: s })}
            onSignOut={(reason) => void signOut(reason)}
          />
        );
      }
      return (
        <>
          {unsavedAtSignOut ? (
            <div className="error-banner unsaved-warning" role="alertdialog" aria-labelledby="unsaved-warning-text">
              <p id="unsaved-warning-text">{t('app.unsavedAtSignOut')}</p>
              <div className="actions">
                <button type="button" className="primary" onClick={() => setUnsavedAtSignOut(false)}>
                  {t('app.stayAndSave')}
                </button>
                <button type="button" onClick={() => void signOut(undefined, true)}>
                  {t('app.signOutAnyway')}
                </button>
              </div>
            </div>
          ) : null}
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

function SignedIn({
  session,
  user,
  onSession,
  onSignOut,
}: {
  session: SessionView;
  user: UserView;
  onSession: (s: SessionView) => void;
  onSignOut: (reason?: ApiError) => void;
}) {
  const { t } = useTranslation();
  const route = useRoute();
  const unitName = useUnitName(user.unitId);
  const [changingPassword, setChangingPassword] = useState(false);
  // Following a link leaves the password page.
  const routeKey = JSON.stringify(route);
  useEffect(() => setChangingPassword(false), [routeKey]);

  const lock = useCallback(async () => {
    // Save what can be saved first; what cannot stays in memory and is sent after unlocking.
    await flushAllQueues(1500);
    const result = await call('session.lock', {});
    onSession(result.ok ? result.value : { ...session, locked: true });
  }, [onSession, session]);

  useIdleLock(session.idleLockSeconds, () => void lock());

  const isAdministrator = user.role === 'administrator';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="app-name">{t('app.name')}</span>
        <nav aria-label={t('app.mainNavigation')}>
          {isAdministrator ? (
            <>
              <a
                href="#/users"
                aria-current={
                  route.screen !== 'directory' &&
                  route.screen !== 'statistics' &&
                  route.screen !== 'languages' &&
                  route.screen !== 'audit'
                    ? 'page'
                    : undefined
                }
              >
                {t('users.title')}
              </a>
              <a href="#/directory" aria-current={route.screen === 'directory' ? 'page' : undefined}>
                {t('directory.title')}
              </a>
              <a href="#/statistics" aria-current={route.screen === 'statistics' ? 'page' : undefined}>
                {t('statistics.title')}
              </a>
              <a href="#/languages" aria-current={route.screen === 'languages' ? 'page' : undefined}>
                {/* Short: the top bar stays on one line at 1280 px; the page's heading says whose languages. */}
                {t('languages.nav')}
              </a>
              <a href="#/audit" aria-current={route.screen === 'audit' ? 'page' : undefined}>
                {t('audit.nav')}
              </a>
            </>
          ) : (
            <>
              <a href="#/" aria-current={route.screen === 'home' ? 'page' : undefined}>
                {t('hearings.mine')}
              </a>
              {user.role === 'supervisor' ? (
                <a href="#/queue" aria-current={route.screen === 'queue' ? 'page' : undefined}>
                  {t('risk.queue.title')}
                </a>
              ) : null}
              {user.role === 'supervisor' ? (
                <a href="#/statistics" aria-current={route.screen === 'statistics' ? 'page' : undefined}>
                  {t('statistics.title')}
                </a>
              ) : null}
            </>
          )}
        </nav>
        <span className="user">
          <span>
            {user.displayName} · {t(`role.${user.role}`)}
          </span>
          <span>
            {unitName ? `${unitName} · ` : null}
            <button type="button" className="link-button" onClick={() => setChangingPassword(true)}>
              {t('account.myPassword')}
            </button>
          </span>
        </span>
        <LanguageSwitch />
        <button
          type="button"
          onClick={() => void lock()}
          aria-keyshortcuts="Control+Shift+L"
          title={t('lock.shortcut')}
        >
          {t('lock.action')}
        </button>
        <button type="button" onClick={() => onSignOut()}>
          {t('app.signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {/* On every administrator's page but the audit trail's own, which says it in full. */}
        {isAdministrator && route.screen !== 'audit' ? <AuditAlert /> : null}
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          {changingPassword ? (
            <ChangePasswordPage user={user} onClose={() => setChangingPassword(false)} onSignOut={onSignOut} />
          ) : isAdministrator ? (
            route.screen === 'directory' ? (
              <DirectoryScreen />
            ) : route.screen === 'statistics' ? (
              <StatisticsScreen />
            ) : route.screen === 'languages' ? (
              <LanguagesScreen />
            ) : route.screen === 'audit' ? (
              <AuditScreen />
            ) : (
              <UsersScreen currentUser={user} />
            )
          ) : route.screen === 'hearing' ? (
            <HearingScreen key={route.hearingId} hearingId={route.hearingId} step={route.step} field={route.field} />
          ) : route.screen === 'queue' && user.role === 'supervisor' ? (
            <ReviewQueueScreen />
          ) : route.screen === 'statistics' && user.role === 'supervisor' ? (
            <StatisticsScreen />
          ) : (
            <MyHearingsScreen />
          )}
        </Suspense>
      </main>
    </div>
  );
}
