import { useTranslation } from 'react-i18next';
import { useChannel } from '../../data/use-channel';
import { ErrorMessage } from '../../ui';
import { auditShowsDamage } from './audit-damage';

/**
 * Loud on every administrator's page while the audit trail shows damage, with the way to the
 * details: a start that found the trail cut or rewritten must not go unseen. A check that could
 * not run says so too.
 */
export function AuditAlert() {
  const { t } = useTranslation();
  // The entries since the checkpoint: a few, whatever the trail's length.
  const check = useChannel('audit.verify', { scope: 'sinceCheckpoint' });
  if (check.error) return <ErrorMessage error={check.error} />;
  if (!check.data || !auditShowsDamage(check.data)) return null;
  return (
    <div className="error-banner audit-alert" role="alert">
      <p>
        {t('audit.alert')} <a href="#/audit">{t('audit.alertLink')}</a>
      </p>
    </div>
  );
}
