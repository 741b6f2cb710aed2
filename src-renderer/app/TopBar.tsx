import { useTranslation } from 'react-i18next';
import type { UserView } from '../../src-main/api/contract';
import { FollowUpCount } from '../features/follow-ups/FollowUpCount';
import { RoomModeToggle } from '../features/room/RoomModeToggle';
import { ConnectionLabel } from './ConnectionLabel';
import { LanguageSwitch } from './LanguageSwitch';
import { hrefOf, navigationOf, type ScreenName } from './routes';

/**
 * The links of her role (from the route table), her home's with the count of her follow-ups, who
 * she is, room mode for those who hear victims, the language, lock and sign out.
 */
export function TopBar({
  user,
  unitName,
  shown,
  onChangePassword,
  onLock,
  onSignOut,
}: {
  user: UserView;
  unitName: string | null;
  /** The screen on show, whose link is the current page. */
  shown: ScreenName;
  onChangePassword: () => void;
  onLock: () => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <span className="app-name">
        {t('app.name')}
        <ConnectionLabel />
      </span>
      <nav aria-label={t('app.mainNavigation')}>
        {navigationOf(user.role).map(({ screen, labelKey }) => (
          <a key={screen} href={hrefOf({ screen })} aria-current={shown === screen ? 'page' : undefined}>
            {t(labelKey)}
            {screen === 'home' ? <FollowUpCount shown={shown} /> : null}
          </a>
        ))}
      </nav>
      <span className="user">
        <span>
          {user.displayName} · {t(`role.${user.role}`)}
        </span>
        <span>
          {unitName ? `${unitName} · ` : null}
          <button type="button" className="link-button" onClick={onChangePassword}>
            {t('account.myPassword')}
          </button>
        </span>
      </span>
      {user.role === 'administrator' ? null : <RoomModeToggle />}
      <LanguageSwitch />
      <button type="button" onClick={onLock} aria-keyshortcuts="Control+Shift+L" title={t('lock.shortcut')}>
        {t('lock.action')}
      </button>
      <button type="button" onClick={onSignOut}>
        {t('app.signOut')}
      </button>
    </header>
  );
}
