import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../data/use-channel';
import { LoadState } from '../../ui';
import { EvidenceRegister } from './EvidenceRegister';

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

  return (
    <section className="evidence-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('evidence.title')}</h3>
      <LoadState data={list.data} error={list.error} reload={list.reload}>
        {(register) => (
          <EvidenceRegister hearingId={hearingId} register={register} readOnly={readOnly} reload={list.reload} />
        )}
      </LoadState>
    </section>
  );
}
