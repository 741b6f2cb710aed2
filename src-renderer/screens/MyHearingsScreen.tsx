import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, HearingSummary } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import { navigate } from '../app/navigation';
import { formatDateTime } from '../i18n';
import { TranslationFollowUps } from './TranslationFollowUps';

/**
 * Only the signed-in officer's own hearings, by reference: no victim's name on this screen.
 * Closed ones stay reachable for addenda and copies.
 */
export function MyHearingsScreen() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<ChannelOutput<'hearings.listMine'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void call('hearings.listMine', {}).then((result) => (result.ok ? setMine(result.value) : setError(result.error)));
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
      {mine === null ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          {mine.open.length === 0 ? <p>{t('hearings.none')}</p> : <HearingTable hearings={mine.open} />}
          <TranslationFollowUps scope="mine" />
          {mine.recentlyClosed.length > 0 ? (
            <>
              <h2>{t('hearings.recentlyClosed')}</h2>
              <HearingTable hearings={mine.recentlyClosed} closed />
            </>
          ) : null}
        </>
      )}
    </section>
  );
}

function HearingTable({ hearings, closed = false }: { hearings: HearingSummary[]; closed?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="list">
      <thead>
        <tr>
          <th scope="col">{t('hearings.reference')}</th>
          <th scope="col">{t('hearings.created')}</th>
          <th scope="col">{closed ? t('hearings.closed') : t('hearings.lastChange')}</th>
        </tr>
      </thead>
      <tbody>
        {hearings.map((h) => (
          <tr key={h.id}>
            <td>
              <a href={`#/hearing/${h.id}`}>{h.reference}</a>
            </td>
            <td>{formatDateTime(h.createdAt, i18n.language)}</td>
            <td>{formatDateTime(closed ? (h.closedAt ?? h.updatedAt) : h.updatedAt, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
