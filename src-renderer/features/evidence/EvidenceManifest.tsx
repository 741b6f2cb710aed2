import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';

/** The register's manifest hash, for the report, and the manifest it covers. */
export function EvidenceManifest({ manifest }: { manifest: ChannelOutput<'evidence.list'>['manifest'] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="evidence-manifest" role="group" aria-labelledby={id}>
      <p id={id} className="field-label">
        {t('evidence.manifest.hash')}
      </p>
      <code className="sha256 manifest-hash" translate="no" data-manifest-sha256={manifest.sha256}>
        {manifest.sha256}
      </code>
      <p className="field-help">{t('evidence.manifest.help', { items: manifest.items, files: manifest.files })}</p>
      <details>
        <summary>{t('evidence.manifest.show')}</summary>
        <pre className="manifest-json" tabIndex={0} translate="no">
          {JSON.stringify(JSON.parse(manifest.json), null, 2)}
        </pre>
      </details>
    </div>
  );
}
