import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** Where main reads the catalogs from: named in the explanation, as the administrator finds them on disk. */
const PACKAGED_FOLDER = 'victim';
const SOURCE_FOLDER = 'forms/catalogs/victim';

/**
 * How a catalog is marked reviewed (on this screen: recorded in the database, no file edited) and
 * how a language is added (a file and a restart).
 */
export function LanguagesHowTo({ titleRef }: { titleRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const files = { example: 'ar.json', english: 'en.json', folder: PACKAGED_FOLDER, source: SOURCE_FOLDER };
  return (
    <section className="languages-how" aria-labelledby="languages-how-title">
      <h2 id="languages-how-title" tabIndex={-1} ref={titleRef}>
        {t('languages.how.title')}
      </h2>
      <p>{t('languages.how.folder', files)}</p>
      <h3>{t('languages.how.reviewTitle')}</h3>
      <ol>
        <li>{t('languages.how.reviewStep1', files)}</li>
        <li>{t('languages.how.reviewStep2')}</li>
        <li>{t('languages.how.reviewStep3')}</li>
      </ol>
      <p>{t('languages.how.reviewHolds')}</p>
      <h3>{t('languages.how.addTitle')}</h3>
      <p>{t('languages.how.add', files)}</p>
      <p>{t('languages.how.check')}</p>
    </section>
  );
}
