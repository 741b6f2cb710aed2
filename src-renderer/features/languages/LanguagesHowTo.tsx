import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { brusselsToday } from '../../i18n';

/** Where main reads the catalogs from: named in the explanation, as the administrator finds them on disk. */
const PACKAGED_FOLDER = 'victim';
const SOURCE_FOLDER = 'forms/catalogs/victim';

/** How a reviewer marks a catalog reviewed and how a language is added: both are a file and a restart. */
export function LanguagesHowTo({ titleRef }: { titleRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const today = brusselsToday();
  // Only the three lines the reviewer changes; the others stay as they are.
  const example = [
    '"meta": {',
    '  …',
    '  "status": "reviewed",',
    `  "reviewedBy": ${JSON.stringify(t('languages.how.exampleReviewer'))},`,
    `  "reviewedOn": "${today}",`,
    '  …',
    '}',
  ].join('\n');
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
        <li>
          {t('languages.how.reviewStep2')}
          <br />
          {t('languages.how.example')}
          <pre className="languages-example" dir="ltr">
            <code>{example}</code>
          </pre>
        </li>
        <li>{t('languages.how.reviewStep3')}</li>
      </ol>
      <h3>{t('languages.how.addTitle')}</h3>
      <p>{t('languages.how.add', files)}</p>
      <p>{t('languages.how.check')}</p>
    </section>
  );
}
