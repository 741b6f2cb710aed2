import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentFileName, fieldLabel, type DocumentKind, type VictimCopyVariant } from '../../domain/document-kinds';
import type { Answers } from '../../forms/engine';
import type { PrintedDocumentView } from '../../src-main/api/contract';
import { call, documentsThroughSystemDialogs, type ApiError } from '../api/client';
import { findCatalog, useVictimCatalogs } from '../api/victim-catalogs';
import { ErrorMessage } from '../app/common';
import { CopyReviewPanel } from './CopyReviewPanel';
import { formatDateTime } from '../i18n';

interface DocumentsPanelProps {
  hearingId: string;
  access: 'owner' | 'review';
  closed: boolean;
  answersOf: (formId: string) => Partial<Answers>;
  /** Saves what is still being typed (the report number...) before a document reads it. */
  flush: () => Promise<void>;
}

interface Printable {
  kind: DocumentKind;
  variant: VictimCopyVariant;
  /** Why it cannot be printed now, as a catalog key; null when it can. */
  unavailable: string | null;
}

const REQUESTED = ['requested', 'granted', 'inForce'];

/** A PDF the page received, as a link the browser opens in its PDF viewer or downloads. */
interface Received {
  document: PrintedDocumentView;
  url: string;
}

/**
 * The documents of the hearing (victim-copy.md): her copy (full or discreet), the request to the
 * prosecutor, the Immigration Office communication, the supervisor's risk report; and the
 * archive of everything printed, each with its SHA-256, who printed it and when.
 */
export function DocumentsPanel({ hearingId, access, closed, answersOf, flush }: DocumentsPanelProps) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const catalogs = useVictimCatalogs();
  const [archive, setArchive] = useState<PrintedDocumentView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [received, setReceived] = useState<Received | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [review, setReview] = useState<{ required: boolean; complete: boolean } | null>(null);
  const onReviewState = useCallback((state: { required: boolean; complete: boolean }) => setReview(state), []);

  const load = useCallback(async () => {
    const result = await call('documents.list', { hearingId });
    if (result.ok) setArchive(result.value.documents);
    else setError(result.error);
  }, [hearingId]);
  useEffect(() => {
    void load();
  }, [load]);
  // A PDF kept in the page only as long as it is shown.
  useEffect(() => () => (received ? URL.revokeObjectURL(received.url) : undefined), [received]);

  const setup = answersOf('setup');
  const measures = answersOf('measures');
  const documents = answersOf('documents');
  const owner = access === 'owner';
  const victimLanguage = typeof setup.victimLanguage === 'string' ? setup.victimLanguage : null;
  const procedureLanguage = typeof setup.procedureLanguage === 'string' ? setup.procedureLanguage : null;
  const herCatalog = findCatalog(catalogs, victimLanguage);
  const printables: Printable[] = [
    ...(['full', 'discreet'] as const).map((variant) => ({
      kind: 'victimCopy' as const,
      variant,
      unavailable: !owner
        ? 'documents.panel.ownerOnly'
        : !closed
          ? 'documents.panel.closeFirst'
          : review?.required && !review.complete
            ? 'documents.panel.reviewFirst'
            : null,
    })),
    {
      kind: 'prosecutorRequest',
      variant: 'full',
      unavailable: !owner
        ? 'documents.panel.ownerOnly'
        : REQUESTED.includes(String(measures.residenceBanState)) || REQUESTED.includes(String(measures.alarmState))
          ? null
          : 'documents.panel.nothingRequested',
    },
    {
      kind: 'immigrationCommunication',
      variant: 'full',
      unavailable: !owner
        ? 'documents.panel.ownerOnly'
        : documents.immigrationArt747 === 'yes'
          ? null
          : 'documents.panel.art747NotRecorded',
    },
    { kind: 'riskReport', variant: 'full', unavailable: null },
  ];

  async function print(item: Printable, output: 'pdf' | 'printer') {
    setBusy(`${item.kind}-${item.variant}`);
    setError(null);
    setStatus(null);
    await flush();
    const result = await call('documents.create', { hearingId, kind: item.kind, variant: item.variant, output });
    setBusy(null);
    if (!result.ok) return setError(result.error);
    const { document, pdfBase64 } = result.value;
    if (!document) return setStatus(t('documents.panel.cancelled'));
    if (pdfBase64)
      setReceived({
        document,
        url: URL.createObjectURL(
          new Blob([Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0))], { type: 'application/pdf' }),
        ),
      });
    setStatus(t('documents.panel.archived', { name: documentName(document), sha256: document.sha256 }));
    await load();
  }

  async function open(document: PrintedDocumentView) {
    setError(null);
    setStatus(null);
    if (documentsThroughSystemDialogs) {
      const saved = await call('documents.save', { documentId: document.id });
      if (!saved.ok) return setError(saved.error);
      return setStatus(t(saved.value.saved ? 'documents.panel.saved' : 'documents.panel.cancelled'));
    }
    const result = await call('documents.download', { documentId: document.id });
    if (!result.ok) return setError(result.error);
    setReceived({
      document,
      url: URL.createObjectURL(
        new Blob([Uint8Array.from(atob(result.value.pdfBase64), (c) => c.charCodeAt(0))], { type: 'application/pdf' }),
      ),
    });
  }

  function documentName(document: Pick<PrintedDocumentView, 'kind' | 'variant'>): string {
    return document.kind === 'victimCopy'
      ? t(`documents.panel.victimCopy.${document.variant}`)
      : t(`documents.${document.kind}.title`);
  }

  return (
    <section className="documents-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('documents.panel.title')}</h3>
      <p className="field-help">{t('documents.panel.intro')}</p>

      {victimLanguage === null || procedureLanguage === null ? (
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
      ) : null}
      {owner && (typeof documents.pvNumber !== 'string' || documents.pvNumber.trim() === '') ? (
        <p className="notice" role="note">
          {t('documents.panel.noPvNumber')}
        </p>
      ) : null}
      <p className="field-help">{t('documents.panel.safety')}</p>
      {owner && closed ? <CopyReviewPanel hearingId={hearingId} onState={onReviewState} /> : null}

      <ul className="document-actions">
        {printables.map((item) => {
          const key = `${item.kind}-${item.variant}`;
          return (
            <li key={key}>
              <strong>{documentName(item)}</strong>
              <span className="field-help">
                {' '}
                {t(`documents.panel.about.${item.kind === 'victimCopy' ? `victimCopy.${item.variant}` : item.kind}`)}
              </span>
              {item.unavailable ? (
                <p className="field-help">{t(item.unavailable)}</p>
              ) : (
                <div className="actions">
                  {documentsThroughSystemDialogs ? (
                    <button type="button" disabled={busy !== null} onClick={() => void print(item, 'printer')}>
                      {t('documents.panel.print', { name: documentName(item) })}
                    </button>
                  ) : null}
                  <button type="button" disabled={busy !== null} onClick={() => void print(item, 'pdf')}>
                    {busy === key
                      ? t('documents.panel.making')
                      : t('documents.panel.makePdf', { name: documentName(item) })}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>

      <ErrorMessage error={error} />
      {error?.fields && (error.code === 'DOCUMENT_WOULD_REVEAL' || error.code === 'COPY_REVIEW_REQUIRED') ? (
        <p className="field-error">
          {t('documents.panel.changeFields', {
            fields: error.fields
              .map((field) => {
                const label = fieldLabel(field);
                return t(label.key, label.params ?? {});
              })
              .join(', '),
          })}
        </p>
      ) : null}
      {status ? (
        <p role="status" className="success">
          {status}
        </p>
      ) : null}
      {received ? (
        <p className="document-received">
          <a href={received.url} target="_blank" rel="noopener">
            {t('documents.panel.open', { name: documentName(received.document) })}
          </a>{' '}
          <a href={received.url} download={documentFileName(received.document, hearingId.slice(0, 8))}>
            {t('documents.panel.download')}
          </a>
        </p>
      ) : null}

      <h4>{t('documents.panel.archiveTitle')}</h4>
      {archive === null ? (
        <p>{t('app.loading')}</p>
      ) : archive.length === 0 ? (
        <p>{t('documents.panel.archiveEmpty')}</p>
      ) : (
        <table className="documents-archive">
          <thead>
            <tr>
              <th scope="col">{t('documents.panel.document')}</th>
              <th scope="col">{t('documents.panel.printedOn')}</th>
              <th scope="col">{t('documents.panel.pages')}</th>
              <th scope="col">SHA-256</th>
              <th scope="col">
                <span className="visually-hidden">{t('documents.panel.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {archive.map((document) => (
              <tr key={document.id}>
                <td>
                  {documentName(document)} ({t(`language.${document.language}`)})
                  {document.sequence > 1 ? (
                    <span className="field-help">
                      {' '}
                      · {t('documents.panel.reprint', { sequence: document.sequence })}
                    </span>
                  ) : null}
                </td>
                <td>
                  {t('documents.panel.printedBy', {
                    time: formatDateTime(document.printedAt, i18n.language),
                    name: document.printedByName,
                  })}
                </td>
                <td>{document.pages}</td>
                <td>
                  <code className="hash" title={document.sha256}>
                    {document.sha256}
                  </code>
                </td>
                <td>
                  <button type="button" onClick={() => void open(document)}>
                    {documentsThroughSystemDialogs ? t('documents.panel.savePdf') : t('documents.panel.openArchived')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
