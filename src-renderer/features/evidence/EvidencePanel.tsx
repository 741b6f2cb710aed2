import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { useChannel } from '../../data/use-channel';
import { ErrorMessage, LoadState } from '../../ui';
import { EvidenceDonts } from './EvidenceDonts';
import { EvidenceItem } from './EvidenceItem';
import { EvidenceItemForm } from './EvidenceItemForm';
import { EvidenceManifest } from './EvidenceManifest';

/**
 * The evidence register of the digital-violence step (digital-violence.md, C): the items with
 * their files and SHA-256, the manifest hash for the report, a form with every C2 field, file
 * import (main's own dialog in Electron, an upload in the browser host), custody events, and the
 * C5 don'ts. Intimate images of a minor are never stored: such an item takes a URL and a
 * description only.
 */
export function EvidencePanel({ hearingId, readOnly }: { hearingId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const ids = useId();
  const list = useChannel('evidence.list', { hearingId });
  // A file that did not go up with a new item: the item is saved, and this says why the file is not.
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);

  return (
    <section className="evidence-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('evidence.title')}</h3>
      <LoadState data={list.data} error={list.error} reload={list.reload}>
        {(register) => {
          // Items and files change while the hearing is open, by its owner; hand-overs go on after closing.
          const canEdit = !readOnly && register.access === 'owner' && register.hearingOpen;
          const canRecordCustody = register.access === 'owner';

          return (
            <>
              <p className="field-help">{t('evidence.intro')}</p>
              <EvidenceDonts />
              <EvidenceManifest manifest={register.manifest} />
              <ErrorMessage error={uploadError} />

              {register.items.length === 0 ? <p>{t('evidence.none')}</p> : null}
              <ol className="evidence-items">
                {register.items.map((item) => (
                  <li key={item.id}>
                    <EvidenceItem
                      hearingId={hearingId}
                      item={item}
                      canEdit={canEdit}
                      canRecordCustody={canRecordCustody}
                      onChanged={list.reload}
                    />
                  </li>
                ))}
              </ol>

              {canEdit ? (
                adding ? (
                  <EvidenceItemForm
                    hearingId={hearingId}
                    item={null}
                    onDone={(saved, uploadError) => {
                      setAdding(false);
                      setUploadError(uploadError ?? null);
                      void list.reload();
                      if (saved)
                        requestAnimationFrame(() => document.getElementById(`evidence-item-${saved}`)?.focus());
                    }}
                  />
                ) : (
                  <div className="actions">
                    <button type="button" className="primary" onClick={() => setAdding(true)}>
                      {t('evidence.add')}
                    </button>
                  </div>
                )
              ) : null}
            </>
          );
        }}
      </LoadState>
    </section>
  );
}
