import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/navigation';
import { useChannel, useMutation } from '../../data/use-channel';
import { ErrorMessage, LoadState } from '../../ui';
import { HearingTable, type HearingListEntry } from './HearingTable';
import { FollowUpList } from '../follow-ups/FollowUpList';

/** What the search compares: letters and digits only, any case ("hd 2026-12" finds HD-2026-000012's start). */
function searchable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function matches(hearing: HearingListEntry, query: string): boolean {
  const wanted = searchable(query);
  if (wanted === '') return true;
  return [hearing.reference, hearing.pvNumber ?? ''].some((text) => searchable(text).includes(wanted));
}

/**
 * Only the signed-in officer's own hearings, by reference and PV number: no victim's name on this
 * screen. Closed ones stay reachable for addenda and copies. The search filters what is listed.
 * Her follow-ups come first: what was sent back to her, and what falls due.
 */
export function MyHearingsScreen() {
  const { t } = useTranslation();
  const mine = useChannel('hearings.listMine', {});
  const create = useMutation('hearings.create');
  const [query, setQuery] = useState('');

  async function createHearing() {
    const result = await create.run({});
    if (result.ok) navigate({ screen: 'hearing', hearingId: result.value.hearing.id });
  }

  return (
    <section className="page" aria-labelledby="my-hearings-title">
      <div className="page-header">
        <h1 id="my-hearings-title">{t('hearings.mine')}</h1>
        <button type="button" className="primary" onClick={() => void createHearing()} disabled={create.pending}>
          {t('hearings.new')}
        </button>
      </div>
      <ErrorMessage error={create.error} />
      <FollowUpList scope="mine" />
      <LoadState data={mine.data} error={mine.error}>
        {(data) => {
          const open = data.open.filter((h) => matches(h, query));
          const closed = data.recentlyClosed.filter((h) => matches(h, query));
          const any = data.open.length + data.recentlyClosed.length > 0;
          return (
            <>
              {any ? (
                <div className="field hearing-search">
                  <label htmlFor="hearing-search">{t('hearings.search')}</label>
                  <input
                    id="hearing-search"
                    type="search"
                    value={query}
                    onChange={(e) => setQuery(e.target.value)}
                    autoComplete="off"
                    spellCheck={false}
                  />
                </div>
              ) : null}
              {any && open.length + closed.length === 0 ? (
                <p role="status">{t('hearings.noMatch', { query })}</p>
              ) : null}
              {data.open.length === 0 ? (
                <p>{t('hearings.none')}</p>
              ) : open.length > 0 ? (
                <HearingTable hearings={open} />
              ) : null}
              {closed.length > 0 ? (
                <>
                  <h2>{t('hearings.recentlyClosed')}</h2>
                  <HearingTable hearings={closed} closed />
                </>
              ) : null}
            </>
          );
        }}
      </LoadState>
    </section>
  );
}
