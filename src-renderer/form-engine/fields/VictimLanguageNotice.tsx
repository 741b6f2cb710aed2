import { useTranslation } from 'react-i18next';
import { findCatalog, useVictimCatalogs } from '../../api/victim-catalogs';
import type { HearingLanguages } from './types';

/** Said before the first right, so nobody reads a text to her that she cannot understand. */
export function VictimLanguageNotice({ languages }: { languages: HearingLanguages }) {
  const { t } = useTranslation();
  const catalogs = useVictimCatalogs();
  if (!catalogs) return null;
  const catalog = findCatalog(catalogs, languages.victim);
  if (!languages.victim || !languages.procedure) {
    return (
      <p className="notice" role="note">
        {t('rights.languagesFirst')}
      </p>
    );
  }
  if (languages.victim === 'other' || !catalog) {
    return (
      <p className="notice warning" role="note">
        {t('rights.noCatalog', {
          language: languages.victim === 'other' ? t('language.other') : t(`language.${languages.victim}`),
        })}
      </p>
    );
  }
  const status = catalog.meta.status;
  return status === 'reviewed' || status === 'sworn' ? null : (
    <p className="notice" role="note">
      {t('rights.catalogNotReviewed', { language: t(`language.${languages.victim}`) })}
    </p>
  );
}
