import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditStatusView } from '../../src-main/api/contract';
import { call } from '../api/client';

/** Damage found now or at start, or on record in the trail from any earlier finding (it stays). */
export function auditShowsDamage(status: AuditStatusView): boolean {
  return status.verification.broken !== null || status.atStart.broken !== null || status.reported.length > 0;
}

/**
 * Loud on every administrator's page while the audit trail shows damage, with the way to the
 * details: a start that found the trail cut or rewritten must not go unseen.
 */
export function AuditAlert() {
  const { t } = useTranslation();
  const [damaged, setDamaged] = useState(false);
  useEffect(() => {
    let live = true;
    // The entries since the checkpoint: a few, whatever the trail's length.
    void call('audit.verify', { scope: 'sinceCheckpoint' }).then((result) => {
      if (live && result.ok) setDamaged(auditShowsDamage(result.value));
    });
    return () => {
      live = false;
    };
  }, []);
  if (!damaged) return null;
  return (
    <div className="error-banner audit-alert" role="alert">
      <p>
        {t('audit.alert')} <a href="#/audit">{t('audit.alertLink')}</a>
      </p>
    </div>
  );
}
