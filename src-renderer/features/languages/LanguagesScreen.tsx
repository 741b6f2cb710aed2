import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { VictimCatalogMeta } from '../../../forms/victim-catalogs';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { call, type ApiError } from '../../api/client';
import { ErrorMessage } from '../../app/common';
import { brusselsToday, formatDay } from '../../i18n';

type Catalogs = ChannelOutput<'documents.victimCatalogs'>;

/** Where main reads the catalogs from: named in the explanation, as the administrator finds them on disk. */
const PACKAGED_FOLDER = 'victim';
const SOURCE_FOLDER = 'forms/catalogs/victim';

function Day({ day, language }: { day: string; language: string }) {
  return <time dateTime={day}>{formatDay(day, language)}</time>;
}

/**
 * The administrator's view of the victim catalogs main loaded at start: each language, who
 * translated and reviewed it, and the files it refused. A catalog nobody reviewed is legal
 * wording put before a victim unchecked, so it is flagged and the way to review it is given.
 */
export function LanguagesScreen() {
  const { t, i18n } = useTranslation();
  const [catalogs, setCatalogs] = useState<Catalogs | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const howTitle = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    // Asked each time the screen opens (not the hearing's cached copy): a failure is shown, not a blank page.
    void call('documents.victimCatalogs', {}).then((result) => {
      if (!live) return;
      if (result.ok) setCatalogs(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, []);

  const language = i18n.language;
  const unreviewed = catalogs?.catalogs.filter((c) => c.meta.status === 'machine') ?? [];
  const officerName = (code: string) =>
    i18n.exists(`language.${code}`) ? (
      t(`language.${code}`)
    ) : (
      <span className="muted">{t('languages.unknownLanguage')}</span>
    );

  return (
    <section className="page wide languages" aria-labelledby="languages-title">
      <h1 id="languages-title">{t('languages.title')}</h1>
      <p>{t('languages.intro')}</p>
      <ErrorMessage error={error} />
      {catalogs === null ? (
        error ? null : (
          <p role="status">{t('languages.loading')}</p>
        )
      ) : (
        <>
          {unreviewed.length > 0 ? (
            <section className="notice warning languages-risk" aria-labelledby="languages-risk-title">
              <h2 id="languages-risk-title">{t('languages.unreviewed.title', { count: unreviewed.length })}</h2>
              <p>{t('languages.unreviewed.risk')}</p>
              <p>
                {/* A button, not a #fragment link: the hash is the screen's address. */}
                <button type="button" className="link-button" onClick={() => howTitle.current?.focus()}>
                  {t('languages.how.title')}
                </button>
              </p>
            </section>
          ) : (
            <p className="success">{t('languages.unreviewed.allReviewed')}</p>
          )}
          <p>{t('languages.summary', { count: catalogs.catalogs.length })}</p>
          <div className="table-scroll" role="region" aria-labelledby="languages-caption" tabIndex={0}>
            <table className="list languages-list">
              <caption id="languages-caption" className="visually-hidden">
                {t('languages.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('languages.column.code')}</th>
                  <th scope="col">{t('languages.column.name')}</th>
                  <th scope="col">{t('languages.column.language')}</th>
                  <th scope="col">{t('languages.column.direction')}</th>
                  <th scope="col">{t('languages.column.status')}</th>
                  <th scope="col">{t('languages.column.translatedBy')}</th>
                  <th scope="col">{t('languages.column.reviewedBy')}</th>
                  <th scope="col">{t('languages.column.reviewedOn')}</th>
                  <th scope="col">{t('languages.column.date')}</th>
                </tr>
              </thead>
              <tbody>
                {catalogs.catalogs.map(({ meta }) => (
                  <CatalogRow
                    key={meta.language}
                    meta={meta}
                    officerName={officerName(meta.language)}
                    language={language}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <HowTo titleRef={howTitle} />
          <RefusedFiles refused={catalogs.refused} />
        </>
      )}
    </section>
  );
}

function CatalogRow({
  meta,
  officerName,
  language,
}: {
  meta: VictimCatalogMeta;
  officerName: ReactNode;
  language: string;
}) {
  const { t } = useTranslation();
  const unreviewed = meta.status === 'machine';
  return (
    <tr className={unreviewed ? 'unreviewed' : undefined} data-language={meta.language}>
      <th scope="row">
        <code>{meta.language}</code>
      </th>
      <td>
        <span className="catalog-endonym" lang={meta.language} dir={meta.direction}>
          {meta.name}
        </span>
      </td>
      <td>{officerName}</td>
      <td>{t(`languages.direction.${meta.direction}`)}</td>
      <td>
        {t(`languages.status.${meta.status}`)}
        {unreviewed ? (
          <>
            {' '}
            <span className="badge unreviewed-badge">{t('languages.notReviewed')}</span>
          </>
        ) : null}
      </td>
      <td>{meta.translatedBy}</td>
      <td>{meta.reviewedBy ?? <span className="muted">{t('languages.nobody')}</span>}</td>
      <td>{meta.reviewedOn ? <Day day={meta.reviewedOn} language={language} /> : null}</td>
      <td>
        <Day day={meta.date} language={language} />
      </td>
    </tr>
  );
}

/** How a reviewer marks a catalog reviewed and how a language is added: both are a file and a restart. */
function HowTo({ titleRef }: { titleRef: RefObject<HTMLHeadingElement | null> }) {
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

/** Files main would not load, each with its problems as main wrote them (in English). */
function RefusedFiles({ refused }: { refused: Catalogs['refused'] }) {
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
