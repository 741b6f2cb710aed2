import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/navigation';
import { useChannel, useMutation } from '../../data/use-channel';
import { ErrorMessage, LoadState } from '../../ui';
import { HearingTable } from './HearingTable';
import { TranslationFollowUps } from './TranslationFollowUps';

/**
 * Only the signed-in officer's own hearings, by reference: no victim's name on this screen.
 * Closed ones stay reachable for addenda and copies.
 */
export function MyHearingsScreen() {
  const { t } = useTranslation();
  const mine = useChannel('hearings.listMine', {});
  const create = useMutation('hearings.create');

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
      <LoadState data={mine.data} error={mine.error}>
        {(data) => (
          <>
            {data.open.length === 0 ? <p>{t('hearings.none')}</p> : <HearingTable hearings={data.open} />}
            <TranslationFollowUps scope="mine" />
            {data.recentlyClosed.length > 0 ? (
              <>
                <h2>{t('hearings.recentlyClosed')}</h2>
                <HearingTable hearings={data.recentlyClosed} closed />
              </>
            ) : null}
          </>
        )}
      </LoadState>
    </section>
  );
}
