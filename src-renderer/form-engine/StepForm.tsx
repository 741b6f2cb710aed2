import { zodResolver } from '@hookform/resolvers/zod';
import {
  Fragment,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, FormDefinition } from '../../forms/definition-schema';
import {
  answerSchema,
  birthDateContradiction,
  formAnswersSchema,
  isFieldVisible,
  type Answers,
  type AnswerValue,
  type EarlierAnswers,
} from '../../forms/engine';
import type { SupportServiceView } from '../../src-main/api/contract';
import type { AutosaveQueue } from './autosave';
import { FieldControl } from './fields/FieldControl';
import { GroupField } from './fields/GroupField';
import type { FieldHistoryEntry, HearingLanguages } from './fields/types';
import { dateFormatProblem, toAnswer, toDraft, type PeriodDraft, type Values } from './fields/values';
import { VictimLanguageNotice } from './fields/VictimLanguageNotice';
import { definitionKey } from '../../forms/translation';
import type { OfficerKey } from '../../forms/translation';
import { RoomDisclosure } from '../features/room/RoomDisclosure';
import { useRoomReveal } from '../features/room/room-mode';

export type { FieldHistoryEntry, HearingLanguages } from './fields/types';

interface StepFormProps {
  form: FormDefinition;
  /** The step's own answers, as saved or typed. */
  initialAnswers: Partial<Answers>;
  /** What earlier steps answer for questions left unanswered here (ask once): shown marked, editable. */
  earlierAnswers?: EarlierAnswers;
  /** Questions the screen keeps out of view for now (the magistrate's, below their level). */
  hiddenFields?: readonly string[] | undefined;
  /**
   * Questions whose answers the victim beside the officer must not read (police records about
   * other victims): in room mode, behind one neutral button until the officer reveals them.
   */
  privateInRoom?: readonly string[] | undefined;
  queue: AutosaveQueue;
  readOnly?: boolean;
  /** The step's own answers as they stand on screen, after every change (for the step list). */
  onAnswersChange?: (answers: Partial<Answers>) => void;
  /** Her language and the procedure's, from the set-up step, for texts shown to her. */
  languages?: HearingLanguages;
  /** The support directory, for questions that choose services from it. */
  services?: SupportServiceView[];
  /** Values interpolated into help texts (the zone's configured durations, for example). */
  helpValues?: Record<string, string | number>;
  /** Earlier values of the fields that keep their history, oldest first. */
  history?: FieldHistoryEntry[];
  /**
   * What the screen shows among the questions, right after the field named (by field id): the
   * earlier persons under the people the officer just named, rather than below every group of the
   * step. At the end of the form when that field is not on screen.
   */
  afterField?: Readonly<Record<string, ReactNode>>;
}

/**
 * Renders any questionnaire from its definition: one generic control per field kind, never
 * hand-written JSX per question. Every valid change goes to the autosave queue.
 */
export function StepForm({
  form,
  initialAnswers,
  earlierAnswers: earlierAtOpening,
  hiddenFields = [],
  privateInRoom = [],
  queue,
  readOnly = false,
  onAnswersChange,
  languages = { victim: null, procedure: null },
  services = [],
  helpValues,
  history = [],
  afterField = {},
}: StepFormProps) {
  const { t, i18n } = useTranslation();
  // The schema checks the answers, not what the inputs hold (a date typed dd/mm/yyyy is ISO in the answer).
  const resolver = useMemo(() => {
    const checkAnswers = zodResolver(formAnswersSchema(form) as never) as unknown as Resolver<Values>;
    const resolve: Resolver<Values> = async (values, context, options) => {
      const answers = Object.fromEntries(form.fields.map((f) => [f.id, toAnswer(f, values[f.id])]));
      const result = await checkAnswers(answers, context, options);
      for (const field of form.fields) {
        const problem = dateFormatProblem(field, answers[field.id] ?? null);
        const error = result.errors[field.id];
        if (problem && error) error.message = problem;
      }
      return result;
    };
    return resolve;
  }, [form]);
  // What earlier steps answered as the step opened; a question the officer changes here is hers from then on.
  const [earlier] = useState<EarlierAnswers>(() => earlierAtOpening ?? {});
  const [changedHere, setChangedHere] = useState<ReadonlySet<string>>(() => new Set());
  const defaultValues = useMemo(
    () =>
      Object.fromEntries(
        form.fields.map((f) => [f.id, toDraft(f, f.id in earlier ? earlier[f.id]!.value : initialAnswers[f.id])]),
      ),
    [form, initialAnswers, earlier],
  );
  const { register, control, watch, formState, setError, clearErrors, setValue } = useForm<Values>({
    defaultValues,
    resolver,
    mode: 'onChange',
  });
  const values = watch();
  // Re-render when a save is confirmed: the time shown beside an explained right comes from it.
  useSaveStatus(queue);
  const answers = useMemo(
    () => Object.fromEntries(form.fields.map((f) => [f.id, toAnswer(f, values[f.id])])),
    [form, values],
  );
  const fromEarlierStep = (fieldId: string) => (changedHere.has(fieldId) ? undefined : earlier[fieldId]);
  // Reported as the step's own: a pre-filled answer untouched here is the earlier step's, not saved
  // here; a draft is saved as the step opens, and is the step's own from then on.
  const ownAnswers = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(answers).filter(([id]) => !(id in earlier) || earlier[id]!.draft || changedHere.has(id)),
      ),
    [answers, earlier, changedHere],
  );
  // The first snapshot is what the screen passed in: reporting it back would only re-render
  // the whole hearing once more as it opens. A draft saved as the step opens is news to the screen.
  const reported = useRef<string | null>(null);
  const [draftToReport] = useState(() => !readOnly && Object.values(earlier).some((e) => e.draft));
  useEffect(() => {
    const snapshot = JSON.stringify(ownAnswers);
    if ((reported.current === null && !draftToReport) || snapshot === reported.current) {
      reported.current = snapshot;
      return;
    }
    reported.current = snapshot;
    onAnswersChange?.(ownAnswers);
  }, [ownAnswers, onAnswersChange, draftToReport]);

  /**
   * A valid answer goes to the queue; one the schema refuses (a date half-typed) stays on screen
   * with its message and is never sent, and the queue says so instead of "all saved".
   */
  const offer = useCallback(
    (field: FieldDefinition, value: AnswerValue, immediate: boolean) => {
      const check = answerSchema(field).safeParse(value);
      if (!check.success) {
        setError(field.id, {
          message:
            dateFormatProblem(field, value) ??
            check.error.issues[0]?.message ??
            ('answer.invalid' satisfies OfficerKey),
        });
        queue.markInvalid(field.id, value);
        return;
      }
      clearErrors(field.id);
      queue.set(field.id, value, { immediate });
    },
    [queue, setError, clearErrors],
  );

  useEffect(() => {
    const subscription = watch((all, { name, type }) => {
      if (!name || type !== 'change') return;
      // A change deep inside a group or a period saves the whole top-level answer.
      const topId = name.split('.')[0]!;
      const field = form.fields.find((f) => f.id === topId);
      if (!field) return;
      if (topId in earlier) setChangedHere((ids) => (ids.has(topId) ? ids : new Set(ids).add(topId)));
      const immediate = field.kind === 'singleChoice' || field.kind === 'multiChoice' || field.kind === 'serviceChoice';
      offer(field, toAnswer(field, all[topId]), immediate);
    });
    return () => subscription.unsubscribe();
  }, [watch, form, offer, earlier]);

  // A draft copied from an earlier step (the statement from her account) is saved as the step opens.
  useEffect(() => {
    if (readOnly) return;
    for (const field of form.fields) {
      const draft = earlier[field.id];
      if (draft?.draft) queue.set(field.id, draft.value, { immediate: true });
    }
    // Only as the step opens (the form is keyed by step).
  }, [form]);

  // An answer left invalid (before a lock, or on another step) is shown again with its message.
  useEffect(() => {
    for (const field of form.fields) {
      const value = initialAnswers[field.id];
      if (value === undefined || value === null) continue;
      const check = answerSchema(field).safeParse(value);
      if (check.success) continue;
      setError(field.id, {
        message:
          dateFormatProblem(field, value) ?? check.error.issues[0]?.message ?? ('answer.invalid' satisfies OfficerKey),
      });
      queue.markInvalid(field.id, value);
    }
    // Only as the step opens (the form is keyed by step): later changes go through `offer`.
  }, [form]);

  /** The section's last button (the form's `restOfSection`): what is still unanswered takes its answer. */
  const restOfSection = (fields: FieldDefinition[]) => {
    const rest = form.restOfSection;
    if (!rest || readOnly) return null;
    const open = fields.filter(
      (f): f is Extract<FieldDefinition, { kind: 'singleChoice' }> =>
        f.kind === 'singleChoice' &&
        f.requiredToClose &&
        f.options.some((o) => o.value === rest.answer) &&
        (answers[f.id] === null || answers[f.id] === undefined),
    );
    if (open.length === 0) return null;
    return (
      <p key={`${fields[0]!.id}-rest`} className="rest-of-section">
        <button
          type="button"
          onClick={() => {
            for (const field of open) {
              setValue(field.id, rest.answer, { shouldDirty: true });
              if (field.id in earlier) setChangedHere((ids) => new Set(ids).add(field.id));
              offer(field, rest.answer, true);
            }
          }}
        >
          {t(definitionKey(rest.labelKey), { count: open.length })}
        </button>
      </p>
    );
  };

  const shown = form.fields.filter((field) => isFieldVisible(field, answers) && !hiddenFields.includes(field.id));
  return (
    <form className="step-form" onSubmit={(e) => e.preventDefault()} noValidate aria-labelledby="step-title">
      <h2 id="step-title" tabIndex={-1}>
        {t(definitionKey(form.titleKey))}
      </h2>
      {form.fields.some((f) => f.victimTextKey) ? <VictimLanguageNotice languages={languages} /> : null}
      {sectionsOf(shown).map((fields) => [
        ...runsOf(fields, privateInRoom).map((run) => {
          const controls = run.fields.map((field) => [
            field.sectionKey ? (
              <h3 key={`${field.id}-section`} className="form-section">
                {t(definitionKey(field.sectionKey))}
              </h3>
            ) : null,
            controlOf(field),
            field.id in afterField ? <Fragment key={`${field.id}-after`}>{afterField[field.id]}</Fragment> : null,
          ]);
          return run.private ? (
            <PrivateInRoom key={`${run.fields[0]!.id}-private`} id={`${run.fields[0]!.id}-private`}>
              {controls}
            </PrivateInRoom>
          ) : (
            controls
          );
        }),
        restOfSection(fields),
      ])}
      {Object.entries(afterField)
        .filter(([fieldId]) => !shown.some((field) => field.id === fieldId))
        .map(([fieldId, node]) => (
          <Fragment key={`${fieldId}-after`}>{node}</Fragment>
        ))}
    </form>
  );

  function controlOf(field: FieldDefinition): ReactNode {
    return field.kind === 'group' ? (
      <GroupField
        key={field.id}
        field={field}
        control={control}
        register={register}
        values={values}
        error={formState.errors[field.id]?.message}
        readOnly={readOnly}
        onChanged={(value) => offer(field, value, true)}
        onBlur={() => void queue.flush()}
      />
    ) : (
      <FieldControl
        key={field.id}
        name={field.id}
        field={field}
        register={register}
        error={formState.errors[field.id]?.message}
        warning={birthDateContradiction(field, answers)}
        readOnly={readOnly}
        periodMode={(values[field.id] as PeriodDraft | undefined)?.mode}
        earlier={fromEarlierStep(field.id)}
        onBlur={() => void queue.flush()}
        languages={languages}
        services={services}
        t={t}
        language={i18n.language}
        savedAt={field.victimTextKey && answers[field.id] === 'yes' ? queue.savedAtOf(field.id) : undefined}
        helpValues={helpValues}
        history={field.keepHistory ? history.filter((h) => h.fieldId === field.id) : undefined}
      />
    );
  }
}

/**
 * Answers kept from the victim's eyes in room mode, behind one button that says nothing of what
 * they are about. Kept mounted: the officer's inputs stay registered while hidden.
 */
function PrivateInRoom({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useTranslation();
  const reveal = useRoomReveal();
  return (
    <RoomDisclosure reveal={reveal} id={id} label={t('room.showOfficerAnswer')} keepMounted>
      {children}
    </RoomDisclosure>
  );
}

/** The fields of a section in runs: the private ones that follow each other together. */
function runsOf(fields: FieldDefinition[], privateIds: readonly string[]) {
  const runs: { private: boolean; fields: FieldDefinition[] }[] = [];
  for (const field of fields) {
    const isPrivate = privateIds.includes(field.id);
    const last = runs.at(-1);
    if (last && last.private === isPrivate) last.fields.push(field);
    else runs.push({ private: isPrivate, fields: [field] });
  }
  return runs;
}

/** The fields on screen, cut where a new section starts. */
function sectionsOf(fields: FieldDefinition[]): FieldDefinition[][] {
  const sections: FieldDefinition[][] = [];
  for (const field of fields)
    if (field.sectionKey || sections.length === 0) sections.push([field]);
    else sections.at(-1)!.push(field);
  return sections;
}

/** The autosave state, for the status line. */
export function useSaveStatus(queue: AutosaveQueue) {
  return useSyncExternalStore(
    (onChange) => queue.subscribe(onChange),
    () => queue.getStatus(),
  );
}
