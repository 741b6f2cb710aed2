import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { formatDateTime } from '../../i18n';
import { isLanguageOption, languageName } from '../../language-option';
import { DataTable } from '../../ui';
import { Day } from './Day';

export type Catalog = ChannelOutput<'documents.victimCatalogs'>['catalogs'][number];

/**
 * Each victim language main loaded: who translated and reviewed it (and, for a review recorded
 * here, who recorded it and when); an unreviewed one flagged; a button on each row to record a review.
 */
export function CatalogTable({
  catalogs,
  onReview,
}: {
  catalogs: Catalog[];
  /** `opener` is the row's button, where focus goes back when the form closes. */
  onReview: (catalog: Catalog, opener: HTMLElement) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const officerName = (code: string) =>
    isLanguageOption(code) ? t(`language.${code}`) : <span className="muted">{t('languages.unknownLanguage')}</span>;
  return (
    <DataTable
      className="list languages-list"
      caption={t('languages.caption')}
      captionId="languages-caption"
      captionHidden
      rows={catalogs}
      rowKey={({ meta }) => meta.language}
      rowProps={({ meta }) => ({
        className: meta.status === 'machine' ? 'unreviewed' : undefined,
        'data-language': meta.language,
      })}
      columns={[
        { header: t('languages.column.code'), rowHeader: true, cell: ({ meta }) => <code>{meta.language}</code> },
        {
          header: t('languages.column.name'),
          cell: ({ meta }) => (
            <span className="catalog-endonym" lang={meta.language} dir={meta.direction}>
              {meta.name}
            </span>
          ),
        },
        { header: t('languages.column.language'), cell: ({ meta }) => officerName(meta.language) },
        { header: t('languages.column.direction'), cell: ({ meta }) => t(`languages.direction.${meta.direction}`) },
        {
          header: t('languages.column.status'),
          cell: ({ meta }) => (
            <>
              {t(`languages.status.${meta.status}`)}
              {meta.status === 'machine' ? (
                <>
                  {' '}
                  <span className="badge unreviewed-badge">{t('languages.notReviewed')}</span>
                </>
              ) : null}
            </>
          ),
        },
        { header: t('languages.column.translatedBy'), cell: ({ meta }) => meta.translatedBy },
        {
          header: t('languages.column.reviewedBy'),
          cell: ({ meta }) =>
            meta.reviewedBy === null ? (
              <span className="muted">{t('languages.nobody')}</span>
            ) : (
              <>
                {meta.reviewedBy}
                {meta.recordedByName !== null && meta.recordedAt !== null ? (
                  <span className="catalog-recorded muted">
                    {t('languages.recordedBy', {
                      name: meta.recordedByName,
                      time: formatDateTime(meta.recordedAt, language),
                    })}
                  </span>
                ) : null}
              </>
            ),
        },
        {
          header: t('languages.column.reviewedOn'),
          cell: ({ meta }) => (meta.reviewedOn ? <Day day={meta.reviewedOn} language={language} /> : null),
        },
        { header: t('languages.column.date'), cell: ({ meta }) => <Day day={meta.date} language={language} /> },
        {
          header: t('languages.column.review'),
          hidden: true,
          cell: (catalog) => (
            <button
              type="button"
              className="catalog-review-open"
              aria-label={t('languages.review.openNamed', { language: languageName(t, catalog.meta.language) })}
              onClick={(e) => onReview(catalog, e.currentTarget)}
            >
              {t('languages.review.open')}
            </button>
          ),
        },
      ]}
    />
  );
}
