import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELDS, FORMS } from '../../../forms/answers';
import type { FormDefinition } from '../../../forms/definition-schema';
import type { Answers } from '../../../forms/engine';
import type { ChannelOutput } from '../../../src-main/api/contract';
import type { ApiError } from '../../api/client';
import { useMutation } from '../../data/use-channel';
import { ErrorMessage, FormActions } from '../../ui';
import { unsavedReason, type AutosaveQueue } from '../../form-engine/autosave';
import { formatDateTime } from '../../i18n';
import { languageOrNull } from '../../language-option';
import { StatementForVictim } from '../room/StatementForVictim';

type Loaded = ChannelOutput<'hearings.load'>;

interface StepInfo {
  formId: string;
  form: FormDefinition | null;
  queue: AutosaveQueue;
}

interface StatementPanelProps {
  loaded: Loaded;
  steps: StepInfo[];
  answersOf: (formId: string) => Partial<Answers>;
  /** Load the hearing again after approving or adding. */
  onChanged: () => void;
}

/**
 * Around the statement text: reading it back, her approval and the addenda that follow it
 * (closing follows it on the step: features/hearing/ClosingSection.tsx).
 */
export function StatementPanel({ loaded, steps, answersOf, onChanged }: StatementPanelProps) {
  const { t, i18n } = useTranslation();
  // Why the statement could not be approved: not saved yet (the autosave's own error).
  const [unsaved, setUnsaved] = useState<ApiError | null>(null);
  const approval = useMutation('hearings.approveStatement');
  const addition = useMutation('hearings.addAddendum');
  // One banner: the last action's refusal (each action clears the others').
  const error = unsaved ?? approval.error ?? addition.error;
  const clearErrors = () => {
    setUnsaved(null);
    approval.setError(null);
    addition.setError(null);
  };
  const [readingBack, setReadingBack] = useState(false);
  const [confirmingApproval, setConfirmingApproval] = useState(false);
  const [addendum, setAddendum] = useState('');
  const statementQueue = steps.find((s) => s.formId === FORMS.statement)?.queue;
  const text = answersOf(FORMS.statement)[FIELDS.statement.text];
  const closed = loaded.hearing.status === 'closed';
  const setup = answersOf(FORMS.setup);
  const languages = {
    victim: languageOrNull(setup[FIELDS.setup.victimLanguage]),
    procedure: languageOrNull(setup[FIELDS.setup.procedureLanguage]),
  };

  async function approve() {
    if (!statementQueue) return;
    clearErrors();
    // She approves what is stored: everything typed must be saved first.
    await statementQueue.flush();
    if (statementQueue.hasUnsaved()) {
      // Say why it did not save, as the status line does, rather than approve an older text.
      const status = statementQueue.getStatus();
      return setUnsaved(unsavedReason(status, 'The statement is not saved yet'));
    }
    const result = await approval.run({
      hearingId: loaded.hearing.id,
      textRevision: statementQueue.revisionOf(FIELDS.statement.text),
    });
    setConfirmingApproval(false);
    if (result.ok) onChanged();
  }

  async function addAddendum() {
    clearErrors();
    const result = await addition.run({ hearingId: loaded.hearing.id, text: addendum });
    if (!result.ok) return;
    setAddendum('');
    onChanged();
  }

  return (
    <section className="statement-panel" aria-labelledby="statement-panel-title">
      <h2 id="statement-panel-title" className="visually-hidden">
        {t('statement.panelTitle')}
      </h2>
      <ErrorMessage error={error} />

      {loaded.statement ? (
        <p className="approved" role="status">
          {t('statement.approvedOn', {
            date: formatDateTime(loaded.statement.approvedAt, i18n.language),
            name: loaded.statement.approvedByName,
          })}
        </p>
      ) : (
        <FormActions>
          <button
            type="button"
            onClick={() => setReadingBack((v) => !v)}
            aria-expanded={readingBack}
            disabled={typeof text !== 'string' || text.trim() === ''}
          >
            {readingBack ? t('statement.backToEditing') : t('statement.readBack')}
          </button>
          <StatementForVictim text={typeof text === 'string' ? text : ''} languages={languages} />
          {confirmingApproval ? (
            <>
              <button type="button" className="primary" onClick={() => void approve()}>
                {t('statement.confirmApprove')}
              </button>
              <button type="button" onClick={() => setConfirmingApproval(false)} autoFocus>
                {t('statement.cancel')}
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => setConfirmingApproval(true)}
              disabled={closed || typeof text !== 'string' || text.trim() === ''}
            >
              {t('statement.approve')}
            </button>
          )}
        </FormActions>
      )}

      {readingBack && !loaded.statement && typeof text === 'string' ? (
        <section className="read-back" aria-label={t('statement.readBackTitle')}>
          {text.split('\n').map((line, index) => (
            <p key={index}>{line || '\u00a0'}</p>
          ))}
        </section>
      ) : null}

      {loaded.statement ? (
        <section aria-labelledby="addenda-title">
          <h3 id="addenda-title">{t('statement.addenda')}</h3>
          {loaded.addenda.length === 0 ? <p>{t('statement.noAddenda')}</p> : null}
          <ol className="addenda">
            {loaded.addenda.map((a) => (
              <li key={a.id}>
                <p className="addendum-meta">
                  {t('statement.addendumBy', {
                    date: formatDateTime(a.createdAt, i18n.language),
                    name: a.createdByName,
                  })}
                </p>
                <p className="addendum-text">{a.text}</p>
              </li>
            ))}
          </ol>
          <div className="field">
            <label htmlFor="new-addendum">{t('statement.addendumLabel')}</label>
            <textarea id="new-addendum" rows={4} value={addendum} onChange={(e) => setAddendum(e.target.value)} />
          </div>
          <button type="button" onClick={() => void addAddendum()} disabled={addendum.trim() === ''}>
            {t('statement.addAddendum')}
          </button>
        </section>
      ) : null}
    </section>
  );
}
