import { useTranslation } from 'react-i18next';
import type { PrintedDocumentView } from '../../../src-main/api/contract';
import { documentsThroughSystemDialogs } from '../../api/client';
import { formatDateTime } from '../../i18n';
import { languageName } from '../../language-option';
import { documentName } from './printables';

/** Everything printed for the hearing, each with its SHA-256, who printed it and when. */
export function DocumentsArchive({
  archive,
  onOpen,
}: {
  archive: PrintedDocumentView[];
  onOpen: (document: PrintedDocumentView) => void;
}) {
  const { t, i18n } = useTranslation();
  return archive.length === 0 ? (
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
              {documentName(t, document)} ({languageName(t, document.language)})
              {document.sequence > 1 ? (
                <span className="field-help"> · {t('documents.panel.reprint', { sequence: document.sequence })}</span>
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
              <button type="button" onClick={() => onOpen(document)}>
                {documentsThroughSystemDialogs ? t('documents.panel.savePdf') : t('documents.panel.openArchived')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
