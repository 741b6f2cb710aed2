import { useTranslation } from 'react-i18next';
import { findCatalog, useVictimCatalogs } from '../../api/victim-catalogs';
import type { LanguageOption } from '../../language-option';

/** In which languages her copy prints, and whether its translation was reviewed, or why it cannot print in hers. */
export function DocumentLanguageNotice({
  victimLanguage,
  procedureLanguage,
}: {
  victimLanguage: LanguageOption | null;
  procedureLanguage: LanguageOption | null;
}) {
  const { t } = useTranslation();
  const catalogs = useVictimCatalogs();
  const herCatalog = findCatalog(catalogs, victimLanguage);
  return victimLanguage === null || procedureLanguage === null ? (
    <p className="notice" role="note">
      {t('documents.panel.languagesFirst')}
    </p>
  ) : herCatalog ? (
    <p className={herCatalog.meta.status === 'machine' ? 'notice warning' : 'notice'} role="note">
      {t(victimLanguage === procedureLanguage ? 'documents.panel.printsIn' : 'documents.panel.printsInBeside', {
        language: t(`language.${victimLanguage}`),
        procedure: t(`language.${procedureLanguage}`),
      })}{' '}
      {herCatalog.meta.status === 'machine'
        ? t('documents.panel.notReviewed')
        : t('documents.panel.reviewed', {
            by: herCatalog.meta.reviewedBy ?? '',
            on: herCatalog.meta.reviewedOn ?? '',
          })}
    </p>
  ) : catalogs ? (
    <p className="notice warning" role="note">
      {t('documents.panel.noCatalog', {
        language: victimLanguage === 'other' ? t('language.other') : t(`language.${victimLanguage}`),
        procedure: t(`language.${procedureLanguage}`),
      })}
    </p>
  ) : null;
}
