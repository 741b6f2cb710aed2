import { useTranslation } from 'react-i18next';
import type { AuditVerificationView } from '../../../src-main/api/contract';

type Broken = NonNullable<AuditVerificationView['broken']>;

/** The first broken entry a verification found (now, or at start), and what to do. */
export function BrokenNotice({ broken, foundAtStart }: { broken: Broken; foundAtStart?: string }) {
  const { t } = useTranslation();
  return (
    <div className="error-banner audit-broken" role="alert">
      <h2>{t('audit.broken.title')}</h2>
      {foundAtStart ? <p>{t('audit.broken.atStart', { at: foundAtStart })}</p> : null}
      {broken.seq !== null ? <p>{t('audit.broken.firstEntry', { seq: broken.seq })}</p> : null}
      <p>{t(`audit.kind.${broken.kind}`)}</p>
      <p>{t('audit.broken.whatToDo')}</p>
    </div>
  );
}
