import { useTranslation } from 'react-i18next';
import { FIELDS } from '../../../forms/answers';
import { promptAnswer } from '../../../forms/digital/digital-form';
import type { Answers } from '../../../forms/engine';
import { factDays, suggestOffences } from '../../../forms/digital/offences';
import { DIGITAL_PROMPTS, promptDetailsFieldId } from '../../../forms/digital/prompts';
import type { RiskDefinition } from '../../../forms/risk/risk-definition';
import { definitionKey } from '../../../forms/translation';
import { PhoneCheckEntry } from '../phone-check/PhoneCheckEntry';
import { RoomDisclosure } from '../room/RoomDisclosure';
import { useRoomReveal } from '../room/room-mode';

interface DigitalPanelProps {
  digitalAnswers: Partial<Answers>;
  factsAnswers: Partial<Answers>;
  /** The risk tool the hearing is assessed with: which prompts raise or flag what. */
  riskDefinition: RiskDefinition | undefined;
  /** Something the step's panels stored changed the hearing (the phone check's R11 answer). */
  onChanged: () => void;
}

/**
 * Under the digital-violence questions: the qualifications they may point to (by the date of
 * the facts), the risk signals they raise, and the referrals and safety advice they call for.
 */
export function DigitalPanel({ digitalAnswers, factsAnswers, riskDefinition, onChanged }: DigitalPanelProps) {
  const { t } = useTranslation();
  // The signals are the risk tool's reading of her answers: in room mode, shown on the officer's click only.
  const signalsReveal = useRoomReveal();
  const answerOf = (promptId: string) => promptAnswer(digitalAnswers, promptId);
  const yes = DIGITAL_PROMPTS.filter((p) => answerOf(p.id) === 'yes');
  const days = factDays(factsAnswers[FIELDS.facts.period]);
  const offences = [...new Set(yes.flatMap((p) => p.offences))];
  const suggestions = suggestOffences(offences, days);
  const codes = [...new Set(suggestions.map((s) => s.code))];
  const signals = (riskDefinition?.digitalSignals ?? []).filter((s) => s.prompts.some((p) => answerOf(p) === 'yes'));
  const imageAbuse = ['G5.1', 'G5.2', 'G5.3', 'G8.1'].some((p) => answerOf(p) === 'yes');
  const minor = digitalAnswers[FIELDS.digital.minorInImages] === 'yes';
  const howHeWouldNotice = digitalAnswers[promptDetailsFieldId('G9.2')];

  if (offences.length === 0 && signals.length === 0 && !imageAbuse && !minor && typeof howHeWouldNotice !== 'string')
    return <PhoneCheckEntry digitalAnswers={digitalAnswers} onChanged={onChanged} />;
  return (
    <div className="digital-panel">
      <PhoneCheckEntry digitalAnswers={digitalAnswers} onChanged={onChanged} />
      {offences.length === 0 ? null : (
        <section aria-labelledby="digital-offences-title">
          <h3 id="digital-offences-title">{t('digital.offences.title')}</h3>
          {days.length === 0 ? <p className="notice">{t('digital.offences.unknownDate')}</p> : null}
          {codes.map((code) => (
            <div key={code} data-code={code}>
              <p>{t(code === 'newCode' ? 'digital.offences.newCode' : 'digital.offences.oldCode')}</p>
              <ul>
                {suggestions
                  .filter((s) => s.code === code)
                  .map((s) => (
                    <li key={s.offence} data-offence={s.offence}>
                      {s.articleKey
                        ? `${t(definitionKey(`digital.offences.names.${s.offence}`))}${t('form.colon')} ${t(definitionKey(s.articleKey))}`
                        : t('digital.offences.toConfirm', {
                            name: t(definitionKey(`digital.offences.names.${s.offence}`)),
                          })}{' '}
                      (
                      {yes
                        .filter((p) => p.offences.includes(s.offence))
                        .map((p) => p.id)
                        .join(', ')}
                      )
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </section>
      )}

      {signals.length > 0 ? (
        <RoomDisclosure reveal={signalsReveal} id="digital-signals" label={t('room.showSignals')}>
          <section aria-labelledby="digital-signals-title">
            <h3 id="digital-signals-title">{t('digital.signals.title')}</h3>
            <ul>
              {signals.map((s) => (
                <li key={s.id} data-signal={s.id}>
                  <strong>{s.id}</strong> {t(definitionKey(`risk.signals.${s.id}`))} (
                  {s.prompts.filter((p) => answerOf(p) === 'yes').join(', ')}) · {t(`risk.signalEffect.${s.effect}`)}
                </li>
              ))}
            </ul>
            {signals
              .filter((s) => s.flag)
              .map((s) => (
                <p key={s.flag} className="notice warning" role="note">
                  {t(definitionKey(`digital.signals.${s.flag}`))}
                </p>
              ))}
          </section>
        </RoomDisclosure>
      ) : null}

      {imageAbuse || minor || typeof howHeWouldNotice === 'string' ? (
        <section aria-labelledby="digital-referrals-title">
          <h3 id="digital-referrals-title">{t('digital.referrals.title')}</h3>
          {minor ? <p className="notice warning">{t('digital.referrals.childFocus')}</p> : null}
          {imageAbuse && !minor ? (
            <ul>
              <li>{t('digital.referrals.institute')}</li>
              <li>{t('digital.referrals.stopncii')}</li>
            </ul>
          ) : null}
          {typeof howHeWouldNotice === 'string' && howHeWouldNotice.trim() ? (
            <p className="notice">{t('digital.referrals.safetyAdvice', { answer: howHeWouldNotice })}</p>
          ) : null}
          <p>{t('digital.referrals.safeChannelFirst')}</p>
        </section>
      ) : null}
    </div>
  );
}
