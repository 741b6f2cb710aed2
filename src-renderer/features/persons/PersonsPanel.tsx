import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { brusselsDay } from '../../../domain/brussels-time';
import { PERSON_ROLES, type PersonRole } from '../../../domain/person-links';
import type { Answers } from '../../../forms/engine';
import { PERSON_FIELDS } from '../../../forms/person-fields';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { useChannel, useMutation } from '../../data/use-channel';
import { formatDay } from '../../i18n';
import { describedBy, ErrorMessage, FieldError, FormActions, LoadState } from '../../ui';
import { RoomDisclosure } from '../room/RoomDisclosure';
import { useRoomReveal } from '../room/room-mode';

type Person = ChannelOutput<'persons.links'>['links'][number]['person'];

/** After her last change to a name, a date or a number: she may still be typing before that. */
const SEARCH_AGAIN_AFTER_MS = 1_500;

/**
 * `propose`: the hearing's officer, while it is open: earlier persons proposed, to confirm or
 * decline. `review`: a supervisor of the unit, who may undo a wrong link. `read`: the links only.
 */
export type PersonsPanelMode = 'propose' | 'review' | 'read';

interface PersonsPanelProps {
  hearingId: string;
  mode: PersonsPanelMode;
  /** The people step's answers as typed. */
  peopleAnswers: Partial<Answers>;
  /** Sends what the step has not saved yet: a search reads what main holds. */
  flush: () => Promise<void>;
  /** Police records answered risk items once a link was confirmed: the hearing's answers changed in main. */
  onRecordsFed: () => void;
}

/**
 * Under the people step (issue 16, item 2): the persons of earlier hearings the victim and the
 * suspect may be. Nothing is linked but by the officer's confirmation; a supervisor of the unit
 * may undo a link, with her reason. Each person shows only what identifies (names, birth date,
 * the dates of the person's other hearings). In room mode it stays collapsed and asks nothing
 * until the officer opens it: the victim beside her must not read the suspect's other hearings.
 */
export function PersonsPanel(props: PersonsPanelProps) {
  const { t } = useTranslation();
  const reveal = useRoomReveal();
  return (
    <section className="persons-panel" aria-labelledby="persons-title">
      <h3 id="persons-title">{t('persons.title')}</h3>
      <RoomDisclosure reveal={reveal} id="persons-content" label={t('persons.show')}>
        <PersonsContent {...props} />
      </RoomDisclosure>
    </section>
  );
}

function PersonsContent({ hearingId, mode, peopleAnswers, flush, onRecordsFed }: PersonsPanelProps) {
  const { t } = useTranslation();
  const links = useChannel('persons.links', { hearingId });
  // The risk items the records answered at the last confirmation, told to her until she leaves the step.
  const [fromRecords, setFromRecords] = useState<string[]>([]);
  const afterLink = async (fed: string[]) => {
    if (fed.length > 0) {
      setFromRecords((before) => [...new Set([...before, ...fed])]);
      onRecordsFed();
    }
    await links.reload();
  };
  return (
    <>
      {mode === 'propose' ? <p className="persons-note">{t('persons.intro')}</p> : null}
      {fromRecords.length > 0 ? (
        <p className="persons-records" role="status">
          {t('persons.fromRecords', { items: fromRecords.join(t('form.listSeparator')) })}
        </p>
      ) : null}
      <LoadState data={links.data} error={links.error} reload={links.reload}>
        {({ links: linked }) =>
          PERSON_ROLES.map((role) => {
            const link = linked.find((l) => l.role === role);
            return (
              <div key={role} className="person-proposals" data-role={role}>
                <h4>{t(`persons.${role}`)}</h4>
                {link ? (
                  <LinkedPerson
                    hearingId={hearingId}
                    role={role}
                    person={link.person}
                    canUndo={mode === 'review'}
                    onChanged={links.reload}
                  />
                ) : mode === 'propose' ? (
                  <PersonProposals
                    hearingId={hearingId}
                    role={role}
                    identity={JSON.stringify(
                      Object.values(PERSON_FIELDS[role]).map((field) => peopleAnswers[field] ?? null),
                    )}
                    flush={flush}
                    onLinked={afterLink}
                  />
                ) : (
                  <p className="persons-note">{t('persons.notLinked')}</p>
                )}
              </div>
            );
          })
        }
      </LoadState>
    </>
  );
}

function PersonProposals({
  hearingId,
  role,
  identity,
  flush,
  onLinked,
}: {
  hearingId: string;
  role: PersonRole;
  identity: string;
  flush: () => Promise<void>;
  onLinked: (fromRecords: string[]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const proposals = useChannel('persons.candidates', { hearingId, role });
  const confirm = useMutation('persons.confirm');
  const decline = useMutation('persons.decline');
  // Her answers changed since the last search (a name corrected, a number added): once saved, search again.
  const searchedFor = useRef(identity);
  const flushing = useRef(flush);
  flushing.current = flush;
  const { reload } = proposals;
  useEffect(() => {
    if (searchedFor.current === identity) return;
    const timer = setTimeout(() => {
      searchedFor.current = identity;
      void flushing.current().then(reload);
    }, SEARCH_AGAIN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [identity, reload]);

  const busy = confirm.pending || decline.pending;
  return (
    <div aria-busy={proposals.loading}>
      <LoadState data={proposals.data} error={proposals.error} reload={reload}>
        {({ candidates }) =>
          candidates.length === 0 ? (
            <p className="persons-note">{t('persons.none')}</p>
          ) : (
            <ul className="person-candidates">
              {candidates.map((candidate) => (
                <li key={candidate.personId} data-person={candidate.personId}>
                  <PersonIdentity person={candidate} />
                  <p className="person-reason">{t(`persons.reason.${candidate.reason}`)}</p>
                  <div className="person-actions">
                    <button
                      type="button"
                      className="primary"
                      disabled={busy}
                      onClick={() =>
                        void confirm.run({ hearingId, role, personId: candidate.personId }).then(async (done) => {
                          if (done.ok) await onLinked(done.value.fromRecords);
                        })
                      }
                    >
                      {t('persons.confirm')}
                    </button>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() =>
                        void decline.run({ hearingId, role, personId: candidate.personId }).then(async (done) => {
                          if (done.ok) await reload();
                        })
                      }
                    >
                      {t('persons.decline')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
      <ErrorMessage error={confirm.error ?? decline.error} />
    </div>
  );
}

/** The earlier person a role is linked to; a supervisor of the unit may undo the link, saying why. */
function LinkedPerson({
  hearingId,
  role,
  person,
  canUndo,
  onChanged,
}: {
  hearingId: string;
  role: PersonRole;
  person: Person;
  canUndo: boolean;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [undoing, setUndoing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const unlink = useMutation('persons.unlink');

  async function undo() {
    if (!reason.trim()) {
      setReasonMissing(true);
      reasonInput.current?.focus();
      return;
    }
    const done = await unlink.run({ hearingId, role, reason });
    if (done.ok) await onChanged();
  }

  return (
    <div className="person-linked">
      <p>{t('persons.linked')}</p>
      <PersonIdentity person={person} />
      {canUndo && !undoing ? (
        <div className="person-actions">
          <button type="button" onClick={() => setUndoing(true)}>
            {t('persons.undo')}
          </button>
        </div>
      ) : null}
      {canUndo && undoing ? (
        <div className="field">
          <label htmlFor={`${ids}-reason`}>{t('persons.undoReason')}</label>
          <textarea
            id={`${ids}-reason`}
            ref={reasonInput}
            rows={2}
            maxLength={2_000}
            value={reason}
            autoFocus
            aria-invalid={reasonMissing || undefined}
            aria-describedby={describedBy(`${ids}-reason`, false, reasonMissing)}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonMissing(false);
            }}
          />
          <FieldError id={`${ids}-reason-error`} problem={reasonMissing ? 'persons.undoReasonRequired' : null} />
          <ErrorMessage error={unlink.error} />
          <FormActions>
            <button type="button" className="primary" disabled={unlink.pending} onClick={() => void undo()}>
              {t('persons.undoConfirm')}
            </button>
            <button type="button" onClick={() => setUndoing(false)}>
              {t('persons.undoCancel')}
            </button>
          </FormActions>
        </div>
      ) : null}
    </div>
  );
}

function PersonIdentity({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const days = person.hearingDates.map((at) => formatDay(brusselsDay(at), i18n.language));
  return (
    <dl className="person-identity">
      <dt>{t('persons.name')}</dt>
      <dd>
        <strong>{person.surname}</strong> {person.firstNames}
      </dd>
      <dt>{t('persons.birthDate')}</dt>
      <dd>{person.birthDate ? formatDay(person.birthDate, i18n.language) : t('persons.unknown')}</dd>
      <dt>{t('persons.hearings', { count: days.length })}</dt>
      <dd>{days.join(', ')}</dd>
    </dl>
  );
}
