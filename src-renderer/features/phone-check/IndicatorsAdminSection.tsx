import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../src-main/api/contract';
import { useChannel, useMutation } from '../../data/use-channel';
import { ErrorMessage, LoadState } from '../../ui';
import { isoDayToText } from '../../ui/dates';
import { INDICATOR_BUNDLE_FILES } from '../../../domain/phone-check';

type BundleFiles = ChannelInput<'phoneCheck.importIndicators'>['files'];
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * For the administrator (§D8): the stalkerware list in use (shipped or imported, its version and
 * date) and the import of a newer one, the six files of a bundle folder chosen at once. Main
 * validates it as at start and keeps the one in use when it refuses, saying why.
 */
export function IndicatorsAdminSection() {
  const { t } = useTranslation();
  const id = useId();
  const current = useChannel('phoneCheck.indicators', {});
  const importing = useMutation('phoneCheck.importIndicators');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function choose(list: FileList | null) {
    setProblem(null);
    setDone(null);
    const files = [...(list ?? [])];
    const byName = new Map(files.map((f) => [f.name, f]));
    const missing = INDICATOR_BUNDLE_FILES.filter((name) => !byName.has(name));
    if (missing.length > 0) return setProblem(t('phoneCheck.admin.missingFiles', { files: missing.join(', ') }));
    const payload = {} as BundleFiles;
    for (const name of INDICATOR_BUNDLE_FILES) payload[name] = await base64Of(byName.get(name)!);
    const result = await importing.run({ files: payload });
    if (!result.ok) return;
    await current.reload();
    if (result.value.imported)
      setDone(t('phoneCheck.admin.imported', { commit: result.value.indicators.commit?.slice(0, 12) ?? '' }));
    else setProblem(t('phoneCheck.admin.refused', { reason: result.value.refusal?.code ?? '?' }));
  }

  return (
    <section className="panel" aria-labelledby="indicators-admin-title" data-indicators-admin>
      <h2 id="indicators-admin-title">{t('phoneCheck.admin.title')}</h2>
      <LoadState data={current.data} error={current.error} reload={current.reload}>
        {({ indicators }) =>
          indicators.available ? (
            <p>
              {t('phoneCheck.admin.current', {
                source: t(`phoneCheck.admin.source.${indicators.source ?? 'shipped'}`),
                commit: indicators.commit?.slice(0, 12) ?? '',
                date: isoDayToText(indicators.date?.slice(0, 10) ?? ''),
                apps: indicators.apps,
              })}
            </p>
          ) : (
            <p className="error-banner" role="alert">
              {t('phoneCheck.indicatorsUnavailable', { reason: indicators.refusal ?? '?' })}
            </p>
          )
        }
      </LoadState>
      {/* As the evidence import: the label above, the help tied to the input, then the input. */}
      <div className="field">
        <label htmlFor={`${id}-files`}>{t('phoneCheck.admin.choose')}</label>
        <p id={`${id}-help`} className="field-help">
          {t('phoneCheck.admin.help')}
        </p>
        <input
          id={`${id}-files`}
          type="file"
          multiple
          aria-describedby={`${id}-help`}
          disabled={importing.pending}
          onChange={(e) => void choose(e.currentTarget.files)}
        />
      </div>
      <ErrorMessage error={importing.error} />
      {problem ? (
        <p className="error-banner" role="alert">
          {problem}
        </p>
      ) : null}
      {done ? <p role="status">{done}</p> : null}
    </section>
  );
}
