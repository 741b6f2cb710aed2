import { useTranslation } from 'react-i18next';
import { FormActions } from '../ui';

/** Answers typed but not yet saved would go with the session: she stays to save them, or leaves anyway. */
export function UnsavedAtSignOut({ onStay, onSignOut }: { onStay: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-banner unsaved-warning" role="alertdialog" aria-labelledby="unsaved-warning-text">
      <p id="unsaved-warning-text">{t('app.unsavedAtSignOut')}</p>
      <FormActions>
        <button type="button" className="primary" onClick={onStay}>
          {t('app.stayAndSave')}
        </button>
        <button type="button" onClick={onSignOut}>
          {t('app.signOutAnyway')}
        </button>
      </FormActions>
    </div>
  );
}
