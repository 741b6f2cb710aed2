import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { FormActions } from '../../ui/FormActions';

/** Deactivating (or reactivating) an account, asked first. */
export function ConfirmActive({
  user,
  onDone,
  onCancel,
}: {
  user: UserView;
  onDone: (user: UserView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const setActive = useMutation('users.setActive');
  const confirm = async () => {
    const result = await setActive.run({ userId: user.id, active: !user.active });
    if (result.ok) onDone(result.value.user);
  };
  const deactivating = user.active;
  return (
    <Dialog
      id="confirm-active"
      onCancel={onCancel}
      title={
        deactivating
          ? t('users.deactivateTitle', { username: user.username })
          : t('users.reactivateTitle', { username: user.username })
      }
      text={
        deactivating
          ? t('users.deactivateExplained', { name: user.displayName })
          : t('users.reactivateExplained', { name: user.displayName })
      }
    >
      <ErrorMessage error={setActive.error} />
      <FormActions>
        <button
          type="button"
          className={deactivating ? 'primary danger-primary' : 'primary'}
          disabled={setActive.pending}
          onClick={() => void confirm()}
        >
          {deactivating ? t('users.confirmDeactivate') : t('users.confirmReactivate')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </FormActions>
    </Dialog>
  );
}
