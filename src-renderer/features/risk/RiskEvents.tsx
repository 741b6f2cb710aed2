import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_EVENT_KINDS } from '../../../forms/risk/risk-definition';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage } from '../../ui';
import { formatDateTime } from '../../i18n';
import type { RiskHistory } from './risk-state';

/** Events that call for a reassessment now: a breach, a release, her request... */
export function RiskEvents({
  hearingId,
  history,
  canRecord,
  onChanged,
}: {
  hearingId: string;
  history: RiskHistory | null;
  canRecord: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [kind, setKind] = useState<(typeof RISK_EVENT_KINDS)[number] | ''>('');
  const [note, setNote] = useState('');
  const noteEvent = useMutation('risk.noteEvent');

  async function record() {
    if (kind === '') return;
    const result = await noteEvent.run({ hearingId, kind, note });
    if (!result.ok) return;
    setKind('');
    setNote('');
    onChanged();
  }

  return (
    <section className="risk-events" aria-labelledby={`${ids}-title`}>
      <h4 id={`${ids}-title`}>{t('risk.events.title')}</h4>
      {history && history.events.length > 0 ? (
        <ul>
          {history.events.map((e) => (
            <li key={e.id}>
              {t(`risk.events.kind.${e.kind}`)} · {formatDateTime(e.at, i18n.language)} · {e.recordedByName}
              {e.note ? ` · ${e.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {canRecord ? (
        <div className="inline-group">
          <div className="field">
            <label htmlFor={`${ids}-kind`}>{t('risk.events.kindLabel')}</label>
            <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="">{t('answer.choose')}</option>
              {RISK_EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`risk.events.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${ids}-note`}>{t('risk.events.note')}</label>
            <input
              id={`${ids}-note`}
              type="text"
              maxLength={5_000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              autoComplete="off"
            />
          </div>
          <button type="button" onClick={() => void record()} disabled={kind === ''}>
            {t('risk.events.record')}
          </button>
        </div>
      ) : null}
      <ErrorMessage error={noteEvent.error} />
    </section>
  );
}
