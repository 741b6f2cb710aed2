import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';

type Catalogs = ChannelOutput<'documents.victimCatalogs'>;

/** Files main would not load, each with its problems as main wrote them (in English). */
export function RefusedFiles({ refused }: { refused: Catalogs['refused'] }) {
  const { t } = useTranslation();
  if (refused.length === 0) return <p className="success">{t('languages.refused.none')}</p>;
  return (
    <section className="languages-refused" aria-labelledby="languages-refused-title">
      <h2 id="languages-refused-title">{t('languages.refused.title', { count: refused.length })}</h2>
      <p>{t('languages.refused.intro')}</p>
      <ul className="refused-files">
        {refused.map((file) => (
          <li key={file.file}>
            <h3>
              <code>{file.file}</code>
            </h3>
            <ul className="refused-problems" lang="en" dir="ltr">
              {file.problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
