import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, UserView } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ChangePasswordPage } from '../features/accounts/ChangePasswordPage';
import { useUnitName } from '../features/accounts/use-unit-name';
import { AuditAlert } from '../features/audit/AuditAlert';
import { flushAllQueues } from '../form-engine/autosave';
import { ErrorMessage, Loading } from '../ui';
import { useIdleLock } from './idle-lock';
import { useRoute } from './navigation';
import { resolveRoute } from './routes';
import { SCREENS } from './screens';
import { TopBar } from './TopBar';

/** The app once she is signed in and unlocked: the top bar and the screen her address and role give. */
export function SignedIn({
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
  // What her role sees at this address: the screen it names, or her home screen.
  const shown = resolveRoute(route, user.role);
  const Screen = SCREENS[shown.screen];
  const unit = useUnitName(user.unitId);
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

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <TopBar
        user={user}
        unitName={unit.unitName}
        shown={shown.screen}
        onChangePassword={() => setChangingPassword(true)}
        onLock={() => void lock()}
        onSignOut={() => onSignOut()}
      />
      <main id="main" tabIndex={-1}>
        <ErrorMessage error={unit.error} />
        {/* On every administrator's page but the audit trail's own, which says it in full. */}
        {user.role === 'administrator' && shown.screen !== 'audit' ? <AuditAlert /> : null}
        <Suspense fallback={<Loading page />}>
          {changingPassword ? (
            <ChangePasswordPage user={user} onClose={() => setChangingPassword(false)} onSignOut={onSignOut} />
          ) : (
            <Screen route={shown} user={user} />
          )}
        </Suspense>
      </main>
    </div>
  );
}
