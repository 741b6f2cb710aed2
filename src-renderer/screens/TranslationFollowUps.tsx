import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import { hrefOf } from '../app/navigation';
import { formatDateTime } from '../i18n';

/**
 * Translations of the main elements she asked for (Art. 15 §3) and not yet sent: the officer's
 * own, or her unit's for a supervisor; by reference only, overdue ones marked. Sending one is
 * recording its date in the hearing's "Copy and documents" step.
 */
export function TranslationFollowUps({ scope }: { scope: 'mine' | 'unit' }) {
  const showOfficer = scope === 'unit';
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<ChannelOutput<'documents.followUps'>['translations'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void call('documents.followUps', { scope }).then((result) =>
      result.ok ? setItems(result.value.translations) : setError(result.error),
    );
  }, [scope]);
  if (!error && (items === null || items.length === 0)) return null;
  const now = Date.now();
  return (
    <section className="follow-ups" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">{t('documents.followUps.title')}</h2>
      <ErrorMessage error={error} />
      {items && items.length > 0 ? (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('hearings.reference')}</th>
              {showOfficer ? <th scope="col">{t('documents.followUps.officer')}</th> : null}
              <th scope="col">{t('documents.followUps.requested')}</th>
              <th scope="col">{t('documents.followUps.due')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.hearingId}>
                <td>
                  <a href={hrefOf({ screen: 'hearing', hearingId: item.hearingId, step: 'documents' })}>
                    {item.reference}
                  </a>
                </td>
                {showOfficer ? <td>{item.officerName}</td> : null}
                <td>{formatDateTime(item.requestedAt, i18n.language)}</td>
                <td className={item.dueAt < now ? 'overdue' : undefined}>
                  {formatDateTime(item.dueAt, i18n.language)}
                  {item.dueAt < now ? ` · ${t('documents.followUps.overdue')}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
