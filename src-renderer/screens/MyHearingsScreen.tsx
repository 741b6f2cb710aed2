import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HearingSummary } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import { navigate } from '../app/navigation';
import { formatDateTime } from '../i18n';

/** Only the signed-in officer's own open hearings, by reference: no victim's name on this screen. */
export function MyHearingsScreen() {
  const { t, i18n } = useTranslation();
  const [hearings, setHearings] = useState<HearingSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void call('hearings.listMine', {}).then((result) => (result.ok ? setHearings(result.value.hearings) : setError(result.error)));
  }, []);

  async function createHearing() {
    setCreating(true);
    const result = await call('hearings.create', {});
    setCreating(false);
    if (result.ok) navigate({ screen: 'hearing', hearingId: result.value.hearing.id });
    else setError(result.error);
  }

  return (
    <section className="page" aria-labelledby="my-hearings-title">
      <div className="page-header">
        <h1 id="my-hearings-title">{t('hearings.mine')}</h1>
        <button type="button" className="primary" onClick={() => void createHearing()} disabled={creating}>
          {t('hearings.new')}
        </button>
      </div>
      <ErrorMessage error={error} />
      {hearings === null ? (
        <p>{t('app.loading')}</p>
      ) : hearings.length === 0 ? (
        <p>{t('hearings.none')}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('hearings.reference')}</th>
              <th scope="col">{t('hearings.created')}</th>
              <th scope="col">{t('hearings.lastChange')}</th>
            </tr>
          </thead>
          <tbody>
            {hearings.map((h) => (
              <tr key={h.id}>
                <td>
                  <a href={`#/hearing/${h.id}`}>{h.reference}</a>
                </td>
                <td>{formatDateTime(h.createdAt, i18n.language)}</td>
                <td>{formatDateTime(h.updatedAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
