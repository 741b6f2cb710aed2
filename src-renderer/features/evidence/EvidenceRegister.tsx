import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';
import type { ApiError } from '../../api/client';
import { ErrorMessage, FormActions } from '../../ui';
import { EvidenceDonts } from './EvidenceDonts';
import { EvidenceItem } from './EvidenceItem';
import { EvidenceItemForm } from './EvidenceItemForm';
import { EvidenceManifest } from './EvidenceManifest';

/** The register once read: the don'ts, the manifest, the items, and the form that adds one. */
export function EvidenceRegister({
  hearingId,
  register,
  readOnly,
  reload,
}: {
  hearingId: string;
  register: ChannelOutput<'evidence.list'>;
  readOnly: boolean;
  reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  // A file that did not go up with a new item: the item is saved, and this says why the file is not.
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);
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
              onChanged={reload}
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
              void reload();
              if (saved) requestAnimationFrame(() => document.getElementById(`evidence-item-${saved}`)?.focus());
            }}
          />
        ) : (
          <FormActions>
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              {t('evidence.add')}
            </button>
          </FormActions>
        )
      ) : null}
    </>
  );
}
