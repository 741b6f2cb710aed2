import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../src-main/api/contract';
import type { ApiError } from '../../api/client';
import { ChangePasswordForm } from './ChangePasswordForm';

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
