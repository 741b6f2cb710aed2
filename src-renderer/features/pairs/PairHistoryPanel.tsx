import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { brusselsDay } from '../../../domain/brussels-time';
import { PAIR_HISTORY_REASONS, type PairHistoryReason } from '../../../domain/person-links';
import { definitionKey } from '../../../forms/translation';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { useMutation } from '../../data/use-channel';
import { formatDay } from '../../i18n';
import { ErrorMessage } from '../../ui';
import { RoomDisclosure } from '../room/RoomDisclosure';
import { useRoomReveal } from '../room/room-mode';
import { RiskComparisonView } from '../risk/RiskComparisonView';

type PairHistory = ChannelOutput<'pairs.history'>;
type Pair = NonNullable<PairHistory['pair']>;

/**
 * The history of this hearing's victim and suspect (issue 16, items 3 to 5): every hearing of the
 * pair in this store, oldest first, with levels, red flags, measures and the supervisor's
 * decisions; what changed since the pair's previous assessment, new red flags first. Opened on
 * purpose, with its reason (each view is audited); in room mode it stays closed until the officer
 * opens it: the victim beside her must not read it. The hearing's officer sees a summary, a
 * supervisor of its unit the whole (main decides).
 */
export function PairHistoryPanel({
  hearingId,
  defaultReason,
}: {
  hearingId: string;
  defaultReason: PairHistoryReason;
}) {
  const { t } = useTranslation();
  const reveal = useRoomReveal();
  return (
    <section className="pair-history" aria-labelledby="pair-history-title">
      <h3 id="pair-history-title">{t('pairs.title')}</h3>
      <RoomDisclosure reveal={reveal} id="pair-history-content" label={t('pairs.showInRoom')}>
        <PairHistoryContent hearingId={hearingId} defaultReason={defaultReason} />
      </RoomDisclosure>
    </section>
  );
}

function PairHistoryContent({ hearingId, defaultReason }: { hearingId: string; defaultReason: PairHistoryReason }) {
  const { t } = useTranslation();
  const ids = useId();
  const [reason, setReason] = useState<PairHistoryReason>(defaultReason);
  const open = useMutation('pairs.history');
  const [shown, setShown] = useState<PairHistory | null>(null);

  async function show() {
    const result = await open.run({ hearingId, reason });
    if (result.ok) setShown(result.value);
  }

  return (
    <>
      <p className="persons-note">{t('pairs.intro')}</p>
      <div className="pair-history-open">
        <label htmlFor={`${ids}-reason`}>{t('pairs.reason')}</label>
        <select id={`${ids}-reason`} value={reason} onChange={(e) => setReason(e.target.value as PairHistoryReason)}>
          {PAIR_HISTORY_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`pairs.reasons.${r}`)}
            </option>
          ))}
        </select>
        <button type="button" className="primary" disabled={open.pending} onClick={() => void show()}>
          {shown ? t('pairs.showAgain') : t('pairs.show')}
        </button>
      </div>
      <ErrorMessage error={open.error} />
      {shown ? <ShownHistory history={shown} /> : null}
    </>
  );
}

function ShownHistory({ history }: { history: PairHistory }) {
  const { t, i18n } = useTranslation();
  const day = (at: number) => formatDay(brusselsDay(at), i18n.language);
  const { records } = history;
  const others = records.suspectOtherPairs;
  return (
    <div className="pair-history-shown" aria-live="polite">
      {others.count > 0 ? (
        <p className="pair-serial">
          <strong>
            {t('pairs.suspectOtherVictims', { count: others.count, dates: others.dates.map(day).join(', ') })}
          </strong>
        </p>
      ) : null}
      {history.pair ? <PairTimeline pair={history.pair} /> : <p className="persons-note">{t('pairs.none')}</p>}
    </div>
  );
}

function PairTimeline({ pair }: { pair: Pair }) {
  const { t, i18n } = useTranslation();
  const day = (at: number) => formatDay(brusselsDay(at), i18n.language);
  const endDay = (iso: string) => formatDay(iso.slice(0, 10), i18n.language);
  const flags = (ids: string[]) =>
    ids.map((f) => `${f} ${t(definitionKey(`risk.flags.${f}`))}`).join(t('form.listSeparator'));
  return (
    <>
      {pair.breaches.length > 0 ? (
        <p className="pair-breach" role="alert">
          <strong>{t('pairs.breaches', { dates: pair.breaches.map(day).join(', ') })}</strong>
        </p>
      ) : null}
      <h4>{t('pairs.measuresInForce')}</h4>
      {pair.measuresInForce.length === 0 ? (
        <p className="persons-note">{t('pairs.noMeasureInForce')}</p>
      ) : (
        <ul>
          {pair.measuresInForce.map((m) => (
            <li key={m.measure}>
              {t(`pairs.measure.${m.measure}`)}
              {' — '}
              {m.endsAt ? t('pairs.until', { date: endDay(m.endsAt) }) : t('pairs.noEndRecorded')}{' '}
              {t('pairs.recordedOn', { date: day(m.since) })}
            </li>
          ))}
        </ul>
      )}
      {pair.nextReassessmentAt !== null ? (
        <p>{t('pairs.nextReassessment', { date: day(pair.nextReassessmentAt) })}</p>
      ) : null}
      {pair.sincePrevious ? (
        <>
          <h4>{t('pairs.sincePrevious')}</h4>
          <RiskComparisonView comparison={pair.sincePrevious} t={t} />
        </>
      ) : null}
      <h4>{t('pairs.timeline')}</h4>
      <ol className="pair-timeline">
        {pair.hearings.map((h) => (
          <li key={h.hearingId} aria-current={h.current ? 'true' : undefined}>
            <p>
              <strong>{t(h.current ? 'pairs.thisComplaint' : 'pairs.complaint', { date: day(h.openedAt) })}</strong>
            </p>
            <ul>
              {h.assessments.map((a) => (
                <li key={a.createdAt}>
                  {t('pairs.assessment', { date: day(a.createdAt), level: t(`risk.level.${a.level}`) })}
                  {a.officerName ? ` ${t('pairs.assessmentBy', { name: a.officerName, unit: a.unitName ?? '—' })}` : ''}
                  {a.redFlags.length > 0 ? (
                    <>
                      {' · '}
                      <strong>{t('pairs.redFlags', { flags: flags(a.redFlags) })}</strong>
                    </>
                  ) : null}
                  {' · '}
                  {a.reviewedAt !== null
                    ? t('pairs.reviewed', {
                        status: t(`risk.review.status.${a.reviewStatus}`),
                        date: day(a.reviewedAt),
                      })
                    : t(`risk.review.status.${a.reviewStatus}`)}
                  {a.reviewComment ? <q className="pair-comment">{a.reviewComment}</q> : null}
                </li>
              ))}
              {h.events.map((e) => (
                <li key={`${e.kind}-${e.at}`}>
                  {e.note
                    ? t('pairs.eventNote', { event: t(`risk.events.kind.${e.kind}`), date: day(e.at), note: e.note })
                    : t('pairs.eventLine', { event: t(`risk.events.kind.${e.kind}`), date: day(e.at) })}
                </li>
              ))}
              {h.measures.map((m) => (
                <li key={m.measure}>
                  {t('pairs.measureState', {
                    measure: t(`pairs.measure.${m.measure}`),
                    state: t(definitionKey(`form.measures.state.${m.state}`)),
                  })}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}
