import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '../../forms/definition-schema';
import { missingBeforeClose, type Answers, type AnswerValue } from '../../forms/engine';
import { formRegistry } from '../../forms/registry';
import type { ChannelOutput, SupportServiceView } from '../../src-main/api/contract';
import { call, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import { hrefOf } from '../app/navigation';
import { autosaveQueueFor, type AutosaveQueue } from '../form-engine/autosave';
import { StepForm, useSaveStatus } from '../form-engine/StepForm';
import { ReadOnlyStep } from '../form-engine/ReadOnlyStep';
import { STATEMENT_FORM_ID } from '../../forms/definitions/statement.v1';
import { formatTime } from '../i18n';
import { StatementPanel } from './StatementPanel';
import { RiskPanel, riskState, type RiskHistory } from './RiskPanel';
import { RISK_FORM_ID } from '../../forms/risk/risk-form';
import { DIGITAL_FORM_ID } from '../../forms/digital/digital-form';
import { DigitalPanel } from './DigitalPanel';
import { DOCUMENTS_FORM_ID } from '../../forms/definitions/documents.v1';
import { riskRegistry } from '../../forms/risk/registry';
import { takeLoadedHearing } from '../api/hearing-preload';

// Panels of two steps, loaded when first shown: opening a hearing compiles less code.
const EvidencePanel = lazy(() => import('../features/evidence/EvidencePanel').then((m) => ({ default: m.EvidencePanel })));
const DocumentsPanel = lazy(() => import('./DocumentsPanel').then((m) => ({ default: m.DocumentsPanel })));

type Loaded = ChannelOutput<'hearings.load'>;

interface Step {
  formId: string;
  /** Null when this app version does not know the form version the hearing was taken under. */
  form: FormDefinition | null;
  queue: AutosaveQueue;
}

function prepareSteps(loaded: Loaded): { steps: Step[]; answers: Record<string, Partial<Answers>> } {
  const answers: Record<string, Partial<Answers>> = {};
  const steps = loaded.forms.map(({ formId, formVersion }) => {
    const queue = autosaveQueueFor(loaded.hearing.id, formId, (input) => call('hearings.saveAnswers', input));
    const stored = loaded.answers.filter((a) => a.formId === formId);
    queue.setRevisions(stored.map((a) => [a.fieldId, a.revision]));
    queue.setSavedTimes(stored.map((a) => [a.fieldId, a.updatedAt]));
    const values: Partial<Answers> = Object.fromEntries(stored.map((a) => [a.fieldId, a.value as AnswerValue]));
    // What was typed but not yet confirmed (before a lock, or while saving failed) wins.
    for (const [fieldId, value] of queue.unsavedValues()) values[fieldId] = value;
    answers[formId] = values;
    // The version the hearing was opened under, not the newest: old hearings open as they were taken.
    return { formId, form: formRegistry.get(formId, formVersion) ?? null, queue };
  });
  return { steps, answers };
}

export function HearingScreen({
  hearingId,
  step: requestedStep,
  field: requestedField,
}: {
  hearingId: string;
  step?: string | undefined;
  field?: string | undefined;
}) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // The answers as they stand on screen, per step: a step shown again starts from these.
  const [liveAnswers, setLiveAnswers] = useState<Record<string, Partial<Answers>>>({});

  const [services, setServices] = useState<SupportServiceView[]>([]);
  useEffect(() => {
    void call('directory.list', {}).then((result) => result.ok && setServices(result.value.services));
  }, []);

  const [riskHistory, setRiskHistory] = useState<RiskHistory | null>(null);
  const loadRiskHistory = useCallback(() => {
    void call('risk.history', { hearingId }).then((result) => result.ok && setRiskHistory(result.value));
  }, [hearingId]);
  const load = useCallback(() => {
    void takeLoadedHearing(hearingId).then((result) => (result.ok ? setLoaded(result.value) : setError(result.error)));
    loadRiskHistory();
  }, [hearingId, loadRiskHistory]);
  useEffect(load, [load]);

  const prepared = useMemo(() => (loaded ? prepareSteps(loaded) : { steps: [], answers: {} }), [loaded]);
  const steps = prepared.steps;
  const answersOf = (formId: string): Partial<Answers> => liveAnswers[formId] ?? prepared.answers[formId] ?? {};

  useEffect(() => {
    // Anything left unsaved from before a lock goes out again now.
    for (const step of steps) if (step.queue.hasUnsaved()) void step.queue.flush();
  }, [steps]);

  const currentIndex = Math.max(
    0,
    steps.findIndex((s) => s.formId === requestedStep),
  );
  const current = steps[currentIndex];
  const onAnswersChange = useCallback(
    (formId: string, answers: Partial<Answers>) => setLiveAnswers((all) => ({ ...all, [formId]: answers })),
    [],
  );

  // Keyboard and screen-reader users land on the new step's title, not at the top of the page.
  // Only on a change of step: focusing while the hearing first appears would force a layout of
  // the whole page and take the cursor from where the officer is.
  const shownStep = useRef<string | undefined>(undefined);
  useEffect(() => {
    const previous = shownStep.current;
    shownStep.current = current?.formId;
    if (previous !== undefined && previous !== current?.formId) document.getElementById('step-title')?.focus();
  }, [current?.formId]);

  // A link from the closing checklist names the field: put the cursor in it.
  useEffect(() => {
    if (!requestedField || !current) return;
    const target = document.querySelector<HTMLElement>(
      `[data-field="${requestedField}"] :is(input, select, textarea, button)`,
    );
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [requestedField, current]);

  if (error) return <ErrorMessage error={error} />;
  if (!loaded || !current) return <p>{t('app.loading')}</p>;
  const closed = loaded.hearing.status !== 'open';
  const riskStep = steps.find((s) => s.formId === RISK_FORM_ID);
  const riskDefinition = riskStep?.form ? riskRegistry.get(riskStep.form.version) : undefined;
  // Submitting the assessment is part of the risk step, as approving is part of the statement.
  const riskMissing = riskDefinition
    ? riskState(riskDefinition, answersOf(RISK_FORM_ID), answersOf('facts'), answersOf('digital'), riskHistory).missing
    : [];
  const titleOf = (step: Step) => (step.form ? t(step.form.titleKey) : step.formId);
  const previous = steps[currentIndex - 1];
  const next = steps[currentIndex + 1];

  return (
    <div className="hearing">
      <header className="hearing-header">
        <h1>
          {t('hearing.title')} <span className="reference">{loaded.hearing.reference}</span>
        </h1>
        <SaveStatusLine queues={steps.map((s) => s.queue)} current={current.queue} />
      </header>
      {loaded.access === 'review' ? (
        <p className="closed-banner" role="status">
          {t('hearing.reviewBanner')}
        </p>
      ) : closed ? (
        <p className="closed-banner" role="status">
          {t('close.readOnly')}
        </p>
      ) : null}
      <div className="hearing-body">
        <nav className="steps" aria-label={t('hearing.steps')}>
          <ol>
            {steps.map((step) => {
              // The statement is complete only once she has approved it.
              const approvalMissing =
                (step.formId === STATEMENT_FORM_ID && loaded.statement === null ? 1 : 0) +
                (step.formId === RISK_FORM_ID ? riskMissing.length : 0);
              const missing =
                (step.form ? missingBeforeClose(step.form, answersOf(step.formId)).length : 0) + approvalMissing;
              return (
                <li key={step.formId}>
                  <a
                    href={hrefOf({ screen: 'hearing', hearingId, step: step.formId })}
                    aria-current={step === current ? 'step' : undefined}
                  >
                    {titleOf(step)}
                  </a>
                  <span className={missing > 0 ? 'step-state missing' : 'step-state done'}>
                    {missing > 0 ? t('hearing.toComplete', { count: missing }) : t('hearing.complete')}
                  </span>
                </li>
              );
            })}
          </ol>
        </nav>
        <div className="step-area">
          {current.form && (loaded.access === 'review' || (closed && !current.form.editableAfterClose)) ? (
            // A closed hearing, or a supervisor's reading: the record, not the controls.
            <ReadOnlyStep
              key={current.formId}
              form={current.form}
              answers={answersOf(current.formId)}
              services={services}
              history={loaded.history
                .filter((h) => h.formId === current.formId)
                .map((h) => ({ ...h, value: h.value as AnswerValue }))}
              savedAt={Object.fromEntries(
                loaded.answers.filter((a) => a.formId === current.formId).map((a) => [a.fieldId, a.updatedAt]),
              )}
            />
          ) : current.form ? (
            <StepForm
              key={current.formId}
              form={current.form}
              initialAnswers={answersOf(current.formId)}
              queue={current.queue}
              // The approved statement changes by addenda only.
              readOnly={current.formId === STATEMENT_FORM_ID && loaded.statement !== null}
              onAnswersChange={(answers) => onAnswersChange(current.formId, answers)}
              languages={{
                victim: stringOrNull(answersOf('setup').victimLanguage),
                procedure: stringOrNull(answersOf('setup').procedureLanguage),
              }}
              // Services no longer offered stay listed where this hearing already chose them.
              services={services.filter((s) => s.active || chosenServices(answersOf(current.formId)).includes(s.id))}
              helpValues={{ days: loaded.settings.residenceBanDays }}
              history={loaded.history
                .filter((h) => h.formId === current.formId)
                .map((h) => ({ ...h, value: h.value as AnswerValue }))}
            />
          ) : (
            <p className="error-banner" role="alert">
              {t('hearing.formUnavailable')}
            </p>
          )}
          {current.formId === DIGITAL_FORM_ID ? (
            <DigitalPanel
              digitalAnswers={answersOf(DIGITAL_FORM_ID)}
              factsAnswers={answersOf('facts')}
              riskDefinition={riskDefinition}
            />
          ) : null}
          {current.formId === RISK_FORM_ID && riskDefinition ? (
            <RiskPanel
              hearingId={hearingId}
              definition={riskDefinition}
              riskAnswers={answersOf(RISK_FORM_ID)}
              factsAnswers={answersOf('facts')}
              digitalAnswers={answersOf('digital')}
              history={riskHistory}
              access={loaded.access}
              queue={current.queue}
              onChanged={loadRiskHistory}
            />
          ) : null}
          <Suspense fallback={<p>{t('app.loading')}</p>}>
            {current.formId === 'digital' ? (
              <EvidencePanel hearingId={hearingId} readOnly={loaded.access === 'review' || closed} />
            ) : null}
            {current.formId === DOCUMENTS_FORM_ID ? (
              <DocumentsPanel
                hearingId={hearingId}
                access={loaded.access}
                closed={closed}
                answersOf={answersOf}
                flush={() => current.queue.flush()}
              />
            ) : null}
          </Suspense>
          {current.formId === STATEMENT_FORM_ID ? (
            <StatementPanel
              loaded={loaded}
              steps={steps}
              answersOf={answersOf}
              riskMissing={riskMissing}
              onChanged={load}
            />
          ) : null}
          <div className="step-links">
            {previous ? (
              <a href={hrefOf({ screen: 'hearing', hearingId, step: previous.formId })}>
                ← {t('hearing.previousStep', { step: titleOf(previous) })}
              </a>
            ) : (
              <span />
            )}
            {next ? (
              <a href={hrefOf({ screen: 'hearing', hearingId, step: next.formId })}>
                {t('hearing.nextStep', { step: titleOf(next) })} →
              </a>
            ) : null}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * "Saved" appears only after main confirmed the durable write; failures stay on screen. A step
 * left with a failed save keeps its failure in view from the other steps.
 */
function SaveStatusLine({ queues, current }: { queues: AutosaveQueue[]; current: AutosaveQueue }) {
  const failed = queues.find((q) => q.getStatus().state === 'error');
  return <QueueStatus queue={failed ?? current} />;
}

function QueueStatus({ queue }: { queue: AutosaveQueue }) {
  const { t, i18n } = useTranslation();
  const status = useSaveStatus(queue);
  switch (status.state) {
    case 'idle':
      return <p className="save-status" role="status" />;
    case 'pending':
    case 'saving':
      return (
        <p className="save-status saving" role="status" data-save-state={status.state}>
          {t('save.saving')}
        </p>
      );
    case 'saved':
      return (
        <p className="save-status saved" role="status" data-save-state="saved">
          {t('save.saved', { time: formatTime(status.savedAt, i18n.language) })}
        </p>
      );
    case 'error':
      return (
        <div className="save-status failed" role="alert" data-save-state="error">
          <p>{t('save.failed', { reason: t(`error.${status.error.code}`) })}</p>
          {status.error.code === 'STALE_REVISION' ? (
            <button type="button" onClick={() => void keepMyAnswers(queue)}>
              {t('save.keepMine')}
            </button>
          ) : (
            <button type="button" onClick={() => void queue.flush()}>
              {t('save.retry')}
            </button>
          )}
        </div>
      );
  }
}

/**
 * Another window saved some of these answers since this one loaded them. The officer chose her
 * own version: take the current revisions and send what is on this screen again.
 */
async function keepMyAnswers(queue: AutosaveQueue): Promise<void> {
  const result = await call('hearings.load', { hearingId: queue.hearingId });
  if (!result.ok) return;
  queue.setRevisions(result.value.answers.filter((a) => a.formId === queue.formId).map((a) => [a.fieldId, a.revision]));
  await queue.flush();
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function chosenServices(answers: Partial<Answers>): string[] {
  return Object.values(answers).flatMap((value) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [],
  );
}
