import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** C5, shown as it is: what must not be done. */
export function EvidenceDonts() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <aside className="notice warning evidence-donts" aria-labelledby={id}>
      <p id={id} className="evidence-donts-title">
        {t('evidence.donts.title')}
      </p>
      <ul>
        {(['stalkerware', 'sendImages', 'contactSuspect', 'minorImages'] as const).map((key) => (
          <li key={key}>{t(`evidence.donts.${key}`)}</li>
        ))}
      </ul>
    </aside>
  );
}
