import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentFileName, fieldLabel } from '../../../domain/document-kinds';
import { FIELDS, FORMS } from '../../../forms/answers';
import type { Answers } from '../../../forms/engine';
import { definitionKey } from '../../../forms/translation';
import type { PrintedDocumentView } from '../../../src-main/api/contract';
import { documentsThroughSystemDialogs } from '../../api/client';
import { languageOrNull } from '../../language-option';
import { useChannel, useMutation } from '../../data/use-channel';
import { ErrorMessage, FieldError, FormActions, LoadState } from '../../ui';
import { CopyReviewPanel } from './CopyReviewPanel';
import { DocumentLanguageNotice } from './DocumentLanguageNotice';
import { DocumentsArchive } from './DocumentsArchive';
import { documentName as nameOf, pdfUrl, printablesOf, type Printable } from './printables';

interface DocumentsPanelProps {
  hearingId: string;
  access: 'owner' | 'review';
  closed: boolean;
  answersOf: (formId: string) => Partial<Answers>;
  /** Saves what is still being typed (the report number...) before a document reads it. */
  flush: () => Promise<void>;
}

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
  const { t } = useTranslation();
  const ids = useId();
  const archive = useChannel('documents.list', { hearingId });
  const create = useMutation('documents.create');
  const save = useMutation('documents.save');
  const download = useMutation('documents.download');
  // One banner: the last action's refusal (each action clears the others').
  const error = create.error ?? save.error ?? download.error;
  const clearErrors = () => {
    create.setError(null);
    save.setError(null);
    download.setError(null);
  };
  const [busy, setBusy] = useState<string | null>(null);
  const [received, setReceived] = useState<Received | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [review, setReview] = useState<{ required: boolean; complete: boolean } | null>(null);
  const onReviewState = useCallback((state: { required: boolean; complete: boolean }) => setReview(state), []);

  // A PDF kept in the page only as long as it is shown.
  useEffect(() => () => (received ? URL.revokeObjectURL(received.url) : undefined), [received]);

  const setup = answersOf(FORMS.setup);
  const documents = answersOf(FORMS.documents);
  const owner = access === 'owner';
  const victimLanguage = languageOrNull(setup[FIELDS.setup.victimLanguage]);
  const procedureLanguage = languageOrNull(setup[FIELDS.setup.procedureLanguage]);
  const pvNumber = documents[FIELDS.documents.pvNumber];
  const printables = printablesOf({ owner, closed, review, measures: answersOf(FORMS.measures), documents });
  const documentName = (document: Pick<PrintedDocumentView, 'kind' | 'variant'>) => nameOf(t, document);

  async function print(item: Printable, output: 'pdf' | 'printer') {
    setBusy(`${item.kind}-${item.variant}`);
    clearErrors();
    setStatus(null);
    await flush();
    const result = await create.run({ hearingId, kind: item.kind, variant: item.variant, output });
    setBusy(null);
    if (!result.ok) return;
    const { document, pdfBase64 } = result.value;
    if (!document) return setStatus(t('documents.panel.cancelled'));
    if (pdfBase64) setReceived({ document, url: pdfUrl(pdfBase64) });
    setStatus(t('documents.panel.archived', { name: documentName(document), sha256: document.sha256 }));
    await archive.reload();
  }

  async function open(document: PrintedDocumentView) {
    clearErrors();
    setStatus(null);
    if (documentsThroughSystemDialogs) {
      const saved = await save.run({ documentId: document.id });
      if (!saved.ok) return;
      return setStatus(t(saved.value.saved ? 'documents.panel.saved' : 'documents.panel.cancelled'));
    }
    const result = await download.run({ documentId: document.id });
    if (!result.ok) return;
    setReceived({ document, url: pdfUrl(result.value.pdfBase64) });
  }

  return (
    <section className="documents-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('documents.panel.title')}</h3>
      <p className="field-help">{t('documents.panel.intro')}</p>

      <DocumentLanguageNotice victimLanguage={victimLanguage} procedureLanguage={procedureLanguage} />
      {owner && (typeof pvNumber !== 'string' || pvNumber.trim() === '') ? (
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
                {t(
                  item.kind === 'victimCopy'
                    ? `documents.panel.about.victimCopy.${item.variant}`
                    : `documents.panel.about.${item.kind}`,
                )}
              </span>
              {item.unavailable ? (
                <p className="field-help">{t(item.unavailable)}</p>
              ) : (
                <FormActions>
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
                </FormActions>
              )}
            </li>
          );
        })}
      </ul>

      <ErrorMessage error={error} />
      {error?.fields && (error.code === 'DOCUMENT_WOULD_REVEAL' || error.code === 'COPY_REVIEW_REQUIRED') ? (
        <FieldError announce={false}>
          {t('documents.panel.changeFields', {
            fields: error.fields
              .map((field) => {
                const label = fieldLabel(field);
                return t(definitionKey(label.key), label.params ?? {});
              })
              .join(', '),
          })}
        </FieldError>
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
      <LoadState data={archive.data} error={archive.error} reload={archive.reload}>
        {({ documents }) => <DocumentsArchive archive={documents} onOpen={(document) => void open(document)} />}
      </LoadState>
    </section>
  );
}
