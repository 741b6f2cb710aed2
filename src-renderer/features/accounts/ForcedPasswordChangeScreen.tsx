import { useTranslation } from 'react-i18next';
import type { SessionView, UserView } from '../../../src-main/api/contract';
import type { ApiError } from '../../api/client';
import { Centered } from './Centered';
import { ChangePasswordForm } from './ChangePasswordForm';

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
