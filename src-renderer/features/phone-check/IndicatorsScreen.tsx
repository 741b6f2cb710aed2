import { useTranslation } from 'react-i18next';
import { IndicatorsAdminSection } from './IndicatorsAdminSection';

/** The administrator's screen for the phone check's stalkerware list (digital-violence.md §D8). */
export function IndicatorsScreen() {
  const { t } = useTranslation();
  return (
    <section className="page wide" aria-labelledby="indicators-screen-title">
      <h1 id="indicators-screen-title">{t('phoneCheck.admin.screenTitle')}</h1>
      <IndicatorsAdminSection />
    </section>
  );
}
