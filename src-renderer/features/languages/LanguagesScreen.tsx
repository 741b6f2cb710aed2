import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../data/use-channel';
import { languageName } from '../../language-option';
import { ErrorMessage } from '../../ui';
import { CatalogTable, type Catalog } from './CatalogTable';
import { LanguagesHowTo } from './LanguagesHowTo';
import { RefusedFiles } from './RefusedFiles';
import { ReviewCatalogForm } from './ReviewCatalogForm';

/**
 * The administrator's view of the victim catalogs main loaded at start: each language, who
 * translated and reviewed it, and the files it refused. A catalog nobody reviewed is legal
 * wording put before a victim unchecked, so it is flagged, and a review is recorded here.
 */
export function LanguagesScreen() {
  const { t } = useTranslation();
  // Asked each time the screen opens (not the hearing's cached copy): a failure is shown, not a blank page.
  const read = useChannel('documents.victimCatalogs', {});
  const catalogs = read.data;
  const howTitle = useRef<HTMLHeadingElement>(null);
  const unreviewed = catalogs?.catalogs.filter((c) => c.meta.status === 'machine') ?? [];
  const [reviewing, setReviewing] = useState<Catalog | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Where focus goes back to when the form closes: the row's button that opened it.
  const opener = useRef<HTMLElement | null>(null);

  const open = (catalog: Catalog, button: HTMLElement) => {
    opener.current = button;
    setDone(null);
    setReviewing(catalog);
  };
  const close = (recorded?: Catalog) => {
    setReviewing(null);
    if (recorded) {
      setDone(t('languages.review.done', { language: languageName(t, recorded.meta.language) }));
      void read.reload();
    }
    const target = opener.current;
    requestAnimationFrame(() => target?.focus());
  };

  return (
    <section className="page wide languages" aria-labelledby="languages-title">
      <h1 id="languages-title">{t('languages.title')}</h1>
      <p>{t('languages.intro')}</p>
      <ErrorMessage error={read.error} />
      {catalogs === null ? (
        read.error ? null : (
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
          {reviewing ? (
            <ReviewCatalogForm
              key={reviewing.meta.language}
              catalog={reviewing}
              languageName={languageName(t, reviewing.meta.language)}
              onDone={close}
              onCancel={() => close()}
            />
          ) : null}
          <p className="success languages-done" role="status">
            {done}
          </p>
          <div className="table-scroll" role="region" aria-labelledby="languages-caption" tabIndex={0}>
            <CatalogTable catalogs={catalogs.catalogs} onReview={open} />
          </div>
          <LanguagesHowTo titleRef={howTitle} />
          <RefusedFiles refused={catalogs.refused} />
        </>
      )}
    </section>
  );
}
