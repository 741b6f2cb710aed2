import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELDS, FORMS } from '../../../forms/answers';
import {
  earlierAnswers,
  withEarlierAnswers,
  type Answers,
  type AnswerValue,
  type EarlierAnswers,
} from '../../../forms/engine';
import { riskRegistry } from '../../../forms/risk/registry';
import type { SupportServiceView } from '../../../src-main/api/contract';
import type { ApiError } from '../../api/client';
import { takeLoadedHearing } from '../../api/hearing-preload';
import { useChannel, useMutation } from '../../data/use-channel';
import { ErrorMessage, Loading } from '../../ui';
import { hrefOf } from '../../app/navigation';
import { ReadOnlyStep } from '../../form-engine/ReadOnlyStep';
import { StepForm } from '../../form-engine/StepForm';
import { DigitalPanel } from '../digital/DigitalPanel';
import { PairHistoryPanel } from '../pairs/PairHistoryPanel';
import { PersonsPanel } from '../persons/PersonsPanel';
import { RiskPanel } from '../risk/RiskPanel';
import { riskFieldsPrivateInRoom, riskState } from '../risk/risk-state';
import { StatementPanel } from '../statement/StatementPanel';
import { languageOrNull } from '../../language-option';
import { ClosingSection, gapsToClose } from './ClosingSection';
import { chosenServices, prepareSteps, resumeStep, type LoadedHearing, type Step } from './hearing-steps';
import { SaveStatusLine } from './SaveStatusLine';
import { StepList } from './StepList';
import { definitionKey } from '../../../forms/translation';
import { RightsForVictim } from '../room/RightsForVictim';

const NO_SERVICES: SupportServiceView[] = [];
const NO_EARLIER_ANSWERS: EarlierAnswers = {};

// Panels of two steps, loaded when first shown: opening a hearing compiles less code.
const EvidencePanel = lazy(() => import('../evidence/EvidencePanel').then((m) => ({ default: m.EvidencePanel })));
const DocumentsPanel = lazy(() => import('../documents/DocumentsPanel').then((m) => ({ default: m.DocumentsPanel })));

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
  const [loaded, setLoaded] = useState<LoadedHearing | null>(null);
  // The first reading comes from the one started at boot (hearing-preload); later ones through the hook.
  const [firstError, setFirstError] = useState<ApiError | null>(null);
  const { run: loadHearing, error: reloadError, setError: setReloadError } = useMutation('hearings.load');
  const error = reloadError ?? firstError;
  // The answers as they stand on screen, per step: a step shown again starts from these.
  const [liveAnswers, setLiveAnswers] = useState<Record<string, Partial<Answers>>>({});

  // The directory and the risk history load beside the hearing; a failure of either is shown, never dropped.
  const directory = useChannel('directory.list', {});
  const services = directory.data?.services ?? NO_SERVICES;
  const risk = useChannel('risk.history', { hearingId });
  const riskHistory = risk.data;
  const reloadRiskHistory = risk.reload;
  useEffect(() => {
    void takeLoadedHearing(hearingId).then((result) =>
      result.ok ? setLoaded(result.value) : setFirstError(result.error),
    );
  }, [hearingId]);
  // After approving, adding or closing: the hearing and its risk history as they now stand.
  const reload = useCallback(() => {
    void loadHearing({ hearingId }).then((result) => {
      if (!result.ok) return;
      setLoaded(result.value);
      setFirstError(null);
      setReloadError(null);
    });
    void reloadRiskHistory();
  }, [hearingId, loadHearing, reloadRiskHistory, setReloadError]);

  const prepared = useMemo(() => (loaded ? prepareSteps(loaded) : { steps: [], answers: {} }), [loaded]);
  const steps = prepared.steps;
  // Each step's answers as they count (closing, progress, the risk result): its own, then what an
  // earlier step answers for it (ask once); its form shows those marked with their step.
  const { answersOf, ownAnswersOf, earlierOf } = useMemo(() => {
    const own = (formId: string): Partial<Answers> => liveAnswers[formId] ?? prepared.answers[formId] ?? {};
    const earlier = new Map(
      prepared.steps.map((step) => [step.formId, step.form ? earlierAnswers(step.form, own) : NO_EARLIER_ANSWERS]),
    );
    const counted = new Map(
      prepared.steps.map((step) => [step.formId, step.form ? withEarlierAnswers(step.form, own) : own(step.formId)]),
    );
    return {
      answersOf: (formId: string): Partial<Answers> => counted.get(formId) ?? own(formId),
      ownAnswersOf: own,
      earlierOf: (formId: string): EarlierAnswers => earlier.get(formId) ?? NO_EARLIER_ANSWERS,
    };
  }, [liveAnswers, prepared]);

  useEffect(() => {
    // Anything left unsaved from before a lock goes out again now.
    for (const step of steps) if (step.queue.hasUnsaved()) void step.queue.flush();
  }, [steps]);

  // Opened without a step (from the list): where she stopped, the step of the answer saved last.
  const currentIndex = Math.max(
    0,
    steps.findIndex((s) => s.formId === (requestedStep ?? (loaded ? resumeStep(loaded) : undefined))),
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
    // Its answer first: room mode's guidance button comes before the inputs in the field.
    const field = `[data-field="${requestedField}"]`;
    const target =
      document.querySelector<HTMLElement>(`${field} :is(input, select, textarea)`) ??
      document.querySelector<HTMLElement>(`${field} button`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [requestedField, current]);

  // A new hearing (nothing answered yet) opens with the cursor in its first question.
  const firstShown = useRef(false);
  useEffect(() => {
    if (!loaded || !current || firstShown.current) return;
    firstShown.current = true;
    const fresh = loaded.answers.length === 0 && loaded.access === 'owner' && loaded.hearing.status === 'open';
    if (fresh && !requestedField)
      document.querySelector<HTMLElement>('.step-form :is(input, select, textarea):not([type=hidden])')?.focus();
  }, [loaded, current, requestedField]);

  // A failed first load says why; a failed reload says why above the step, which stays as it was.
  if (!loaded) return error ? <ErrorMessage error={error} /> : <Loading />;
  if (!current) return <Loading />;
  const closed = loaded.hearing.status !== 'open';
  const riskStep = steps.find((s) => s.formId === FORMS.risk);
  const riskDefinition = riskStep?.form ? riskRegistry.get(riskStep.form.version) : undefined;
  // Submitting the assessment is part of the risk step, as approving is part of the statement.
  const riskNow = riskDefinition
    ? riskState(riskDefinition, answersOf(FORMS.risk), answersOf(FORMS.facts), answersOf(FORMS.digital), riskHistory)
    : null;
  const riskMissing = { missing: riskNow?.missing ?? [], fieldsRequired: riskNow?.fieldsRequired ?? [] };
  const titleOf = (step: Step) => (step.form ? t(definitionKey(step.form.titleKey)) : step.formId);
  const languages = {
    victim: languageOrNull(answersOf(FORMS.setup)[FIELDS.setup.victimLanguage]),
    procedure: languageOrNull(answersOf(FORMS.setup)[FIELDS.setup.procedureLanguage]),
  };
  const previous = steps[currentIndex - 1];
  const next = steps[currentIndex + 1];
  // A closed hearing, or a supervisor's reading: the record, not the controls.
  const readingOnly = loaded.access === 'review' || (closed && !current.form?.editableAfterClose);
  const pairHistory = (
    <PairHistoryPanel
      // A view per step, with that step's reason: nothing shown is carried to the next step.
      key={`pair-history-${current.formId}`}
      hearingId={hearingId}
      defaultReason={
        loaded.access === 'review'
          ? 'supervisorReview'
          : current.formId === FORMS.risk
            ? 'riskAssessment'
            : 'newComplaint'
      }
    />
  );
  // The earlier persons and the pair's history, on the people step.
  const personsPanels = (
    <div className="earlier-persons">
      <PersonsPanel
        hearingId={hearingId}
        mode={loaded.access === 'review' ? 'review' : closed ? 'read' : 'propose'}
        peopleAnswers={ownAnswersOf(FORMS.people)}
        flush={() => current.queue.flush()}
        onRecordsFed={reload}
      />
      {pairHistory}
    </div>
  );

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
        <StepList
          hearingId={hearingId}
          steps={steps}
          current={current}
          statementApproved={loaded.statement !== null}
          riskMissing={riskMissing.missing.length + riskMissing.fieldsRequired.length}
          answersOf={answersOf}
          titleOf={titleOf}
        />
        <div className="step-area">
          <ErrorMessage error={error} />
          <ErrorMessage error={directory.error} />
          <ErrorMessage error={risk.error} />
          {/* Her rights turned to her, full screen; a supervisor's reading has nobody to show them to. */}
          {current.formId === FORMS.rights && loaded.access === 'owner' ? (
            <RightsForVictim languages={languages} />
          ) : null}
          {current.form && readingOnly ? (
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
              initialAnswers={ownAnswersOf(current.formId)}
              earlierAnswers={earlierOf(current.formId)}
              hiddenFields={current.formId === FORMS.risk ? riskNow?.fieldsHidden : undefined}
              // As stored, not as typed: a source changed on screen does not move the question away under her cursor.
              privateInRoom={
                current.formId === FORMS.risk ? riskFieldsPrivateInRoom(prepared.answers[FORMS.risk] ?? {}) : undefined
              }
              queue={current.queue}
              // The approved statement changes by addenda only.
              readOnly={current.formId === FORMS.statement && loaded.statement !== null}
              onAnswersChange={(answers) => onAnswersChange(current.formId, answers)}
              languages={languages}
              // Services no longer offered stay listed where this hearing already chose them.
              services={services.filter((s) => s.active || chosenServices(answersOf(current.formId)).includes(s.id))}
              helpValues={{ days: loaded.settings.residenceBanDays }}
              history={loaded.history
                .filter((h) => h.formId === current.formId)
                .map((h) => ({ ...h, value: h.value as AnswerValue }))}
              // The earlier persons right under the suspect's questions, not below the children.
              afterField={
                current.formId === FORMS.people ? { [FIELDS.people.suspectCohabiting]: personsPanels } : undefined
              }
            />
          ) : (
            <p className="error-banner" role="alert">
              {t('hearing.formUnavailable')}
            </p>
          )}
          {readingOnly && current.formId === FORMS.people ? personsPanels : null}
          {current.formId === FORMS.risk ? pairHistory : null}
          {current.formId === FORMS.digital ? (
            <DigitalPanel
              digitalAnswers={answersOf(FORMS.digital)}
              factsAnswers={answersOf(FORMS.facts)}
              riskDefinition={riskDefinition}
              onChanged={reload}
            />
          ) : null}
          {current.formId === FORMS.risk && riskDefinition ? (
            <RiskPanel
              hearingId={hearingId}
              definition={riskDefinition}
              riskAnswers={answersOf(FORMS.risk)}
              factsAnswers={answersOf(FORMS.facts)}
              digitalAnswers={answersOf(FORMS.digital)}
              history={riskHistory}
              access={loaded.access}
              queue={current.queue}
              onChanged={() => void reloadRiskHistory()}
            />
          ) : null}
          <Suspense fallback={<Loading />}>
            {current.formId === FORMS.digital ? (
              <EvidencePanel hearingId={hearingId} readOnly={loaded.access === 'review' || closed} />
            ) : null}
            {current.formId === FORMS.documents ? (
              <DocumentsPanel
                hearingId={hearingId}
                access={loaded.access}
                closed={closed}
                answersOf={answersOf}
                flush={() => current.queue.flush()}
              />
            ) : null}
          </Suspense>
          {current.formId === FORMS.statement ? (
            <>
              <StatementPanel loaded={loaded} steps={steps} answersOf={answersOf} onChanged={reload} />
              <ClosingSection
                loaded={loaded}
                steps={steps}
                gaps={closed ? [] : gapsToClose(loaded, steps, answersOf, riskMissing, t)}
                onClosed={reload}
              />
            </>
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
