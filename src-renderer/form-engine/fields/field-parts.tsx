import { formatDateTime, formatTime } from '../../i18n';
import { describeAnswer } from '../describe-answer';
import type { FieldControlProps, FieldParts } from './types';
import { FieldError, problemKey } from '../../ui';
import { VictimText } from './VictimText';
import { definitionKey } from '../../../forms/translation';
import { RoomDisclosure } from '../../features/room/RoomDisclosure';
import { isReadAloud } from '../../features/room/read-aloud';
import { useRoomReveal } from '../../features/room/room-mode';
import { formRegistry } from '../../../forms/registry';

/**
 * The pieces around a control's inputs: the text read to her, help, guidance, the time an
 * explained right was stored, the answer's history and its error, with the ids that tie them
 * to the inputs. In room mode the officer's help and guidance wait behind one button; what is
 * said to her (her text, the words to read aloud) stays in view.
 */
export function useFieldParts({
  name,
  field,
  error,
  warning,
  languages,
  services = [],
  savedAt,
  t,
  language,
  helpValues,
  history,
  earlier,
}: FieldControlProps): FieldParts {
  const notes = useRoomReveal();
  const inputId = `field-${name.replace(/\./g, '-')}`;
  // Only a help text on screen describes the input: collapsed, a screen reader must not say it aloud in the room.
  const helpId = field.helpKey && notes.open ? `${inputId}-help` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const warningId = warning ? `${inputId}-warning` : undefined;
  const earlierStep = earlier?.fromForm ? formRegistry.latest(earlier.fromForm) : undefined;
  const earlierId = earlierStep ? `${inputId}-earlier` : undefined;
  const describedBy = [helpId, earlierId, errorId, warningId].filter(Boolean).join(' ') || undefined;
  const guidance = field.guidance ?? [];
  const readAloud = notes.hidden ? guidance.filter((g) => isReadAloud(g.labelKey)) : [];
  const officerGuidance = notes.hidden ? guidance.filter((g) => !isReadAloud(g.labelKey)) : guidance;
  const guidanceList = (entries: typeof guidance) =>
    entries.length > 0 ? (
      <dl className="field-guidance">
        {entries.map((g) => (
          <div key={g.textKey}>
            <dt>{t(definitionKey(g.labelKey))}</dt>
            <dd>{t(definitionKey(g.textKey))}</dd>
          </div>
        ))}
      </dl>
    ) : null;
  const help = (
    <>
      {field.victimTextKey && languages ? <VictimText textKey={field.victimTextKey} languages={languages} /> : null}
      {guidanceList(readAloud)}
      {field.helpKey || officerGuidance.length > 0 ? (
        <RoomDisclosure reveal={notes} id={`${inputId}-notes`} label={t('room.guidance')}>
          {field.helpKey ? (
            <p id={helpId} className="field-help">
              {t(definitionKey(field.helpKey), helpValues ?? {})}
            </p>
          ) : null}
          {guidanceList(officerGuidance)}
        </RoomDisclosure>
      ) : null}
    </>
  );
  const explainedAt =
    savedAt !== undefined ? (
      <p className="explained-at" data-explained-at={field.id}>
        {t('rights.explainedAt', { time: formatTime(savedAt, language) })}
      </p>
    ) : null;
  const historyList =
    history && history.length > 0 ? (
      <details className="field-history">
        <summary>{t('answer.history.title', { count: history.length })}</summary>
        <ol>
          {history.map((entry, index) => (
            <li key={index}>
              {t('answer.history.entry', {
                value: describeAnswer(field, entry.value, services, t),
                name: entry.byName,
                time: formatDateTime(entry.at, language),
              })}
            </li>
          ))}
        </ol>
      </details>
    ) : null;
  const earlierNote = earlierStep ? (
    <p id={earlierId} className="earlier-answer" data-earlier-from={earlierStep.id}>
      {t(earlier?.draft ? 'answer.earlier.draft' : 'answer.earlier.fromStep', {
        number: formRegistry.steps.indexOf(earlierStep.id) + 1,
        step: t(definitionKey(earlierStep.titleKey)),
      })}
    </p>
  ) : null;
  const errorText = error ? <FieldError id={errorId} problem={error} /> : null;
  // Said politely, not as an alert: the answer is saved, the officer decides what to correct.
  const warningText = warning ? (
    <p id={warningId} className="field-warning" role="status">
      {t(problemKey(warning))}
    </p>
  ) : null;
  return {
    inputId,
    describedBy,
    invalid: error ? true : undefined,
    help,
    explainedAt,
    historyList,
    earlierNote,
    errorText,
    warningText,
  };
}
