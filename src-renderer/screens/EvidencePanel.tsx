import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  EVIDENCE_LIMITS,
  EVIDENCE_SENSITIVITIES,
  EVIDENCE_TYPES,
  evidenceItemSchema,
  parsePromptList,
  type EvidenceItemInput,
  type EvidenceSensitivity,
  type EvidenceType,
} from '../../domain/evidence-rules';
import type { ChannelOutput, EvidenceFileView, EvidenceItemView } from '../../src-main/api/contract';
import { call, evidenceFilesByUpload, uploadEvidenceFile, type ApiError } from '../api/client';
import { ErrorMessage } from '../app/common';
import { formatDateTime, LOCALES } from '../i18n';
import type { OfficerUiLanguage } from '../../domain/languages';

type Register = ChannelOutput<'evidence.list'>;

/**
 * The evidence register of the digital-violence step (digital-violence.md, C): the items with
 * their files and SHA-256, the manifest hash for the report, a form with every C2 field, file
 * import (main's own dialog in Electron, an upload in the browser host), custody events, and the
 * C5 don'ts. Intimate images of a minor are never stored: such an item takes a URL and a
 * description only.
 */
export function EvidencePanel({ hearingId, readOnly }: { hearingId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const ids = useId();
  const [register, setRegister] = useState<Register | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    const result = await call('evidence.list', { hearingId });
    if (result.ok) setRegister(result.value);
    else setError(result.error);
  }, [hearingId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!register) {
    return (
      <section className="evidence-panel" aria-labelledby={`${ids}-title`}>
        <h3 id={`${ids}-title`}>{t('evidence.title')}</h3>
        {error ? <ErrorMessage error={error} /> : <p>{t('app.loading')}</p>}
      </section>
    );
  }
  // Items and files change while the hearing is open, by its owner; hand-overs go on after closing.
  const canEdit = !readOnly && register.access === 'owner' && register.hearingOpen;
  const canRecordCustody = register.access === 'owner';

  return (
    <section className="evidence-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('evidence.title')}</h3>
      <p className="field-help">{t('evidence.intro')}</p>
      <Donts />
      <Manifest manifest={register.manifest} />
      <ErrorMessage error={error} />

      {register.items.length === 0 ? <p>{t('evidence.none')}</p> : null}
      <ol className="evidence-items">
        {register.items.map((item) => (
          <li key={item.id}>
            <EvidenceItem
              hearingId={hearingId}
              item={item}
              canEdit={canEdit}
              canRecordCustody={canRecordCustody}
              onChanged={load}
            />
          </li>
        ))}
      </ol>

      {canEdit ? (
        adding ? (
          <EvidenceItemForm
            hearingId={hearingId}
            item={null}
            onDone={(saved, uploadError) => {
              setAdding(false);
              setError(uploadError ?? null);
              void load();
              if (saved) requestAnimationFrame(() => document.getElementById(`evidence-item-${saved}`)?.focus());
            }}
          />
        ) : (
          <div className="actions">
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              {t('evidence.add')}
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}

/** C5, shown as it is: what must not be done. */
function Donts() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <aside className="notice warning evidence-donts" aria-labelledby={id}>
      <p id={id} className="evidence-donts-title">
        {t('evidence.donts.title')}
      </p>
      <ul>
        {(['stalkerware', 'sendImages', 'contactSuspect', 'minorImages'] as const).map((key) => (
          <li key={key}>{t(`evidence.donts.${key}`)}</li>
        ))}
      </ul>
    </aside>
  );
}

function Manifest({ manifest }: { manifest: Register['manifest'] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="evidence-manifest" role="group" aria-labelledby={id}>
      <p id={id} className="field-label">
        {t('evidence.manifest.hash')}
      </p>
      <code className="sha256 manifest-hash" translate="no" data-manifest-sha256={manifest.sha256}>
        {manifest.sha256}
      </code>
      <p className="field-help">{t('evidence.manifest.help', { items: manifest.items, files: manifest.files })}</p>
      <details>
        <summary>{t('evidence.manifest.show')}</summary>
        <pre className="manifest-json" tabIndex={0} translate="no">
          {JSON.stringify(JSON.parse(manifest.json), null, 2)}
        </pre>
      </details>
    </div>
  );
}

function EvidenceItem({
  hearingId,
  item,
  canEdit,
  canRecordCustody,
  onChanged,
}: {
  hearingId: string;
  item: EvidenceItemView;
  canEdit: boolean;
  canRecordCustody: boolean;
  onChanged: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [editing, setEditing] = useState(false);
  const detail = (label: string, value: ReactNode) =>
    value === null || value === '' ? null : (
      <div>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    );

  if (editing) {
    return (
      <EvidenceItemForm
        hearingId={hearingId}
        item={item}
        onDone={() => {
          setEditing(false);
          void onChanged();
        }}
      />
    );
  }
  return (
    <article className="evidence-item" aria-labelledby={`${ids}-title`} data-evidence-item={item.label}>
      <div className="evidence-item-header">
        <h4 id={`${ids}-title`}>
          <span id={`evidence-item-${item.id}`} tabIndex={-1}>
            {item.label}
          </span>
          {` · ${t(`evidence.type.${item.type}`)}`}
          {item.sensitivity !== 'none' ? (
            <span className={`badge sensitivity-${item.sensitivity}`}>
              {t(`evidence.sensitivity.${item.sensitivity}`)}
            </span>
          ) : null}
        </h4>
        {canEdit ? (
          <button
            type="button"
            onClick={() => setEditing(true)}
            aria-label={t('evidence.editItem', { label: item.label })}
          >
            {t('evidence.edit')}
          </button>
        ) : null}
      </div>
      <p className="evidence-description">{item.description}</p>
      <dl className="evidence-details">
        {detail(t('evidence.field.platform'), item.platform)}
        {detail(t('evidence.field.accountIds'), item.accountIds)}
        {detail(
          t('evidence.field.url'),
          item.url ? (
            <span className="evidence-url" translate="no">
              {item.url}
            </span>
          ) : null,
        )}
        {detail(
          t('evidence.field.eventTime'),
          item.eventTime || item.eventTimeZone ? [item.eventTime, item.eventTimeZone].filter(Boolean).join(' ') : null,
        )}
        {detail(
          t('evidence.field.capturedAt'),
          t('evidence.capturedBy', { time: utcText(item.capturedAt), name: item.capturedByName }),
        )}
        {detail(
          t('evidence.field.captureMethod'),
          [item.captureMethod, item.toolVersion].filter(Boolean).join(' · ') || null,
        )}
        {detail(t('evidence.field.originalLocation'), item.originalLocation)}
        {detail(t('evidence.field.relatedPrompts'), item.relatedPrompts.join(', ') || null)}
        {detail(t('evidence.field.platformReportNumber'), item.platformReportNumber)}
        {detail(t('evidence.field.stopNciiCaseNumber'), item.stopNciiCaseNumber)}
      </dl>
      {item.sensitivity === 'minor' ? <p className="notice">{t('evidence.minor.stored')}</p> : null}

      {/* Plain blocks under their headings: every item has these two, and named regions would repeat. */}
      <div className="evidence-block">
        <h5>{t('evidence.files.title')}</h5>
        {item.files.length === 0 ? (
          <p className="muted">{t('evidence.files.none')}</p>
        ) : (
          <FileTable hearingId={hearingId} files={item.files} />
        )}
        {canEdit && item.sensitivity !== 'minor' ? (
          <FileImport hearingId={hearingId} item={item} onImported={onChanged} />
        ) : null}
      </div>

      <div className="evidence-block">
        <h5>{t('evidence.custody.title')}</h5>
        {item.custody.length === 0 ? <p className="muted">{t('evidence.custody.none')}</p> : null}
        <ul className="custody-events">
          {item.custody.map((c) => (
            <li key={c.id}>
              {t('evidence.custody.entry', {
                time: formatDateTime(c.handedAt, i18n.language),
                to: c.handedTo,
                medium: c.medium,
              })}
              {c.note ? ` — ${c.note}` : null}{' '}
              <span className="muted">
                (
                {t('evidence.custody.recordedBy', {
                  name: c.recordedByName,
                  time: formatDateTime(c.recordedAt, i18n.language),
                })}
                )
              </span>
            </li>
          ))}
        </ul>
        {canRecordCustody ? <CustodyForm hearingId={hearingId} item={item} onRecorded={onChanged} /> : null}
      </div>
    </article>
  );
}

function FileTable({ hearingId, files }: { hearingId: string; files: EvidenceFileView[] }) {
  const { t, i18n } = useTranslation();
  const [checks, setChecks] = useState<Record<string, 'checking' | 'ok' | 'missing' | 'altered' | 'failed'>>({});
  async function verify(fileId: string) {
    setChecks((c) => ({ ...c, [fileId]: 'checking' }));
    const result = await call('evidence.verifyFile', { hearingId, fileId });
    setChecks((c) => ({
      ...c,
      [fileId]: result.ok ? (result.value.ok ? 'ok' : (result.value.problem ?? 'altered')) : 'failed',
    }));
  }
  return (
    <ul className="evidence-files">
      {files.map((f) => (
        <li key={f.id} data-file-name={f.originalName}>
          <p className="file-line">
            <strong className="file-name">{f.originalName}</strong> ·{' '}
            <span className="file-size">{sizeText(f.size, i18n.language, t)}</span> ·{' '}
            <span className="muted">
              {t('evidence.files.importedBy', {
                time: formatDateTime(f.importedAt, i18n.language),
                name: f.importedByName,
              })}
            </span>
          </p>
          <p className="file-line">
            <span className="sha256-label">SHA-256</span>{' '}
            <code className="sha256" translate="no" data-sha256={f.sha256}>
              {f.sha256}
            </code>
          </p>
          <p className="file-line">
            <button
              type="button"
              className="small"
              onClick={() => void verify(f.id)}
              disabled={checks[f.id] === 'checking'}
              aria-label={t('evidence.files.verifyFile', { name: f.originalName })}
            >
              {t('evidence.files.verify')}
            </button>{' '}
            <span
              role="status"
              className={
                checks[f.id] === 'ok'
                  ? 'success'
                  : checks[f.id] && checks[f.id] !== 'checking'
                    ? 'field-error'
                    : undefined
              }
            >
              {checks[f.id] ? t(`evidence.files.result.${checks[f.id]}`) : ''}
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Files come from main's own dialog (Electron) or the browser's file picker and an upload; never from a typed path. */
function FileImport({
  hearingId,
  item,
  onImported,
}: {
  hearingId: string;
  item: EvidenceItemView;
  onImported: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<number | null>(null);

  async function importChosen() {
    setError(null);
    setDone(null);
    let imported = 0;
    if (evidenceFilesByUpload) {
      for (const file of chosen) {
        setProgress({ name: file.name, sent: 0, total: file.size });
        const result = await uploadEvidenceFile({ hearingId, itemId: item.id, file }, (sent, total) =>
          setProgress({ name: file.name, sent, total }),
        );
        if (!result.ok) {
          setError(result.error);
          break;
        }
        imported += result.value.files.length;
      }
      setChosen([]);
      if (input.current) input.current.value = '';
    } else {
      setProgress({ name: '', sent: 0, total: 0 });
      const result = await call('evidence.importFiles', { hearingId, itemId: item.id });
      if (result.ok) imported = result.value.files.length;
      else setError(result.error);
    }
    setProgress(null);
    setDone(imported);
    await onImported();
  }

  return (
    <div className="evidence-import">
      {item.sensitivity === 'intimate' ? <p className="field-help">{t('evidence.intimateHint')}</p> : null}
      {evidenceFilesByUpload ? (
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('evidence.files.choose', { label: item.label })}</label>
          <p id={`${id}-hint`} className="field-help">
            {t('evidence.files.hint')}
          </p>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            multiple
            aria-describedby={`${id}-hint`}
            disabled={progress !== null}
            onChange={(e) => setChosen(Array.from(e.target.files ?? []))}
          />
        </div>
      ) : (
        <p className="field-help">{t('evidence.files.hint')}</p>
      )}
      <div className="actions">
        <button
          type="button"
          onClick={() => void importChosen()}
          disabled={progress !== null || (evidenceFilesByUpload && chosen.length === 0)}
        >
          {evidenceFilesByUpload ? t('evidence.files.import') : t('evidence.files.chooseAndImport')}
        </button>
      </div>
      {progress ? (
        <div className="import-progress" role="status">
          {progress.total > 0 ? (
            <>
              <progress
                value={progress.sent}
                max={progress.total}
                aria-label={t('evidence.files.progressLabel', { name: progress.name })}
              />
              <span>
                {t('evidence.files.progress', {
                  name: progress.name,
                  sent: sizeText(progress.sent, i18n.language, t, false),
                  total: sizeText(progress.total, i18n.language, t, false),
                })}
              </span>
            </>
          ) : (
            <span>{t('evidence.files.importing')}</span>
          )}
        </div>
      ) : null}
      {error ? (
        <p className="error-banner" role="alert">
          {t(`error.${error.code}`)}
        </p>
      ) : null}
      {done !== null && done > 0 && !error ? (
        <p className="success" role="status">
          {t('evidence.files.importedCount', { count: done })}
        </p>
      ) : null}
    </div>
  );
}

function CustodyForm({
  hearingId,
  item,
  onRecorded,
}: {
  hearingId: string;
  item: EvidenceItemView;
  onRecorded: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [handedTo, setHandedTo] = useState('');
  const [handedAt, setHandedAt] = useState(() => toLocalInput(Date.now()));
  const [medium, setMedium] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);

  async function record() {
    const at = fromLocalInput(handedAt);
    const found: Record<string, string> = {};
    if (handedTo.trim() === '') found['handedTo'] = 'form.required';
    if (medium.trim() === '') found['medium'] = 'form.required';
    if (at === null) found['handedAt'] = 'answer.impossibleDate';
    setProblems(found);
    if (Object.keys(found).length > 0 || at === null) return;
    const result = await call('evidence.recordCustody', {
      hearingId,
      itemId: item.id,
      handedTo,
      handedAt: at,
      medium,
      note,
    });
    if (!result.ok) return setError(result.error);
    setError(null);
    setHandedTo('');
    setMedium('');
    setNote('');
    setOpen(false);
    await onRecorded();
  }

  if (!open) {
    return (
      <div className="actions">
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-label={t('evidence.custody.addFor', { label: item.label })}
        >
          {t('evidence.custody.add')}
        </button>
      </div>
    );
  }
  return (
    <fieldset className="group-item custody-form">
      <legend>{t('evidence.custody.formTitle', { label: item.label })}</legend>
      <div className="inline-group">
        <TextInput
          id={`${id}-to`}
          label={t('evidence.custody.handedTo')}
          value={handedTo}
          onChange={setHandedTo}
          max={EVIDENCE_LIMITS.handedTo}
          problem={problems['handedTo']}
          hint={t('evidence.custody.handedToHint')}
        />
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('evidence.custody.handedAt')}</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            value={handedAt}
            onChange={(e) => setHandedAt(e.target.value)}
            aria-invalid={problems['handedAt'] ? true : undefined}
            aria-describedby={problems['handedAt'] ? `${id}-at-error` : undefined}
          />
          {problems['handedAt'] ? (
            <p id={`${id}-at-error`} className="field-error">
              {t(problems['handedAt'])}
            </p>
          ) : null}
        </div>
        <TextInput
          id={`${id}-medium`}
          label={t('evidence.custody.medium')}
          value={medium}
          onChange={setMedium}
          max={EVIDENCE_LIMITS.medium}
          problem={problems['medium']}
          hint={t('evidence.custody.mediumHint')}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('evidence.custody.note')}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={EVIDENCE_LIMITS.note}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void record()}>
          {t('evidence.custody.record')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('evidence.cancel')}
        </button>
      </div>
    </fieldset>
  );
}

interface Draft {
  type: EvidenceType | '';
  description: string;
  platform: string;
  accountIds: string;
  url: string;
  eventTime: string;
  eventTimeZone: string;
  capturedAt: string;
  captureMethod: string;
  toolVersion: string;
  originalLocation: string;
  relatedPrompts: string;
  sensitivity: EvidenceSensitivity;
  platformReportNumber: string;
  stopNciiCaseNumber: string;
}

function draftOf(item: EvidenceItemView | null): Draft {
  return {
    type: item?.type ?? '',
    description: item?.description ?? '',
    platform: item?.platform ?? '',
    accountIds: item?.accountIds ?? '',
    url: item?.url ?? '',
    eventTime: item?.eventTime ?? '',
    eventTimeZone: item?.eventTimeZone ?? '',
    capturedAt: toLocalInput(item?.capturedAt ?? Date.now()),
    captureMethod: item?.captureMethod ?? '',
    toolVersion: item?.toolVersion ?? '',
    originalLocation: item?.originalLocation ?? '',
    relatedPrompts: item?.relatedPrompts.join(', ') ?? '',
    sensitivity: item?.sensitivity ?? 'none',
    platformReportNumber: item?.platformReportNumber ?? '',
    stopNciiCaseNumber: item?.stopNciiCaseNumber ?? '',
  };
}

const TEXT_FIELDS = [
  ['platform', EVIDENCE_LIMITS.platform],
  ['accountIds', EVIDENCE_LIMITS.accountIds],
  ['url', EVIDENCE_LIMITS.url],
  ['eventTime', EVIDENCE_LIMITS.eventTime],
  ['eventTimeZone', EVIDENCE_LIMITS.eventTimeZone],
] as const;
const CAPTURE_FIELDS = [
  ['captureMethod', EVIDENCE_LIMITS.captureMethod],
  ['toolVersion', EVIDENCE_LIMITS.toolVersion],
  ['originalLocation', EVIDENCE_LIMITS.originalLocation],
] as const;
const CASE_FIELDS = [
  ['platformReportNumber', EVIDENCE_LIMITS.caseNumber],
  ['stopNciiCaseNumber', EVIDENCE_LIMITS.caseNumber],
] as const;

/** Every C2 field. A new item may take files at once (upload); in Electron, files follow on the saved item. */
function EvidenceItemForm({
  hearingId,
  item,
  onDone,
}: {
  hearingId: string;
  item: EvidenceItemView | null;
  onDone: (savedId: string | null, uploadError?: ApiError) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [initial] = useState<Draft>(() => draftOf(item));
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // A problem goes once its field is changed; the others stay until the next attempt.
    setProblems(({ [key]: _fixed, ...rest }) => rest);
  };
  const capturedAt = fromLocalInput(draft.capturedAt);
  const minor = draft.sensitivity === 'minor';

  async function save() {
    const input: EvidenceItemInput = {
      type: draft.type as EvidenceType,
      description: draft.description,
      platform: draft.platform,
      accountIds: draft.accountIds,
      url: draft.url.trim(),
      eventTime: draft.eventTime,
      eventTimeZone: draft.eventTimeZone,
      // Untouched: the time already stored (to the millisecond), or for a new item the moment main records it.
      capturedAt:
        draft.capturedAt === initial.capturedAt
          ? (item?.capturedAt ?? null)
          : draft.capturedAt === ''
            ? null
            : (capturedAt ?? -1),
      captureMethod: draft.captureMethod,
      toolVersion: draft.toolVersion,
      originalLocation: draft.originalLocation,
      relatedPrompts: parsePromptList(draft.relatedPrompts),
      sensitivity: draft.sensitivity,
      platformReportNumber: draft.platformReportNumber,
      stopNciiCaseNumber: draft.stopNciiCaseNumber,
    };
    const parsed = evidenceItemSchema.safeParse(input);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'description');
        const key =
          field === 'type'
            ? 'form.required'
            : field === 'capturedAt'
              ? 'answer.impossibleDate'
              : /^(evidence|form)\./.test(issue.message)
                ? issue.message
                : 'answer.invalid';
        found[field] ??= key;
      }
      setProblems(found);
      document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setProblems({});
    setSaving(true);
    const result = await call(
      'evidence.save',
      item ? { hearingId, itemId: item.id, revision: item.revision, item: input } : { hearingId, item: input },
    );
    if (!result.ok) {
      setSaving(false);
      setError(result.error);
      const field = result.error.fields?.[0];
      if (field) setProblems({ [field]: `error.${result.error.code}` });
      return;
    }
    const savedId = result.value.item.id;
    // Files chosen with a new item go up once it exists; a failure leaves the item, says why, and stays here.
    for (const file of minor ? [] : files) {
      setProgress({ name: file.name, sent: 0, total: file.size });
      const uploaded = await uploadEvidenceFile({ hearingId, itemId: savedId, file }, (sent, total) =>
        setProgress({ name: file.name, sent, total }),
      );
      if (!uploaded.ok) {
        // The item is saved; the register shows it, and why this file is not in it.
        onDone(savedId, uploaded.error);
        return;
      }
    }
    setProgress(null);
    setSaving(false);
    onDone(savedId);
  }

  const textField = (key: keyof Draft, max: number, extra: { hint?: string; inputMode?: 'url' | 'text' } = {}) => (
    <TextInput
      key={key}
      id={`${id}-${key}`}
      label={t(`evidence.field.${key}`)}
      value={draft[key] as string}
      onChange={(v) => set(key, v as never)}
      max={max}
      problem={problems[key]}
      hint={extra.hint ?? optionalHint(t, key)}
      inputMode={extra.inputMode}
    />
  );

  return (
    <form
      className="evidence-form panel"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4 id={`${id}-title`}>
        {item ? t('evidence.form.editTitle', { label: item.label }) : t('evidence.form.newTitle')}
      </h4>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('evidence.field.type')}</label>
        <select
          id={`${id}-type`}
          value={draft.type}
          onChange={(e) => set('type', e.target.value as EvidenceType | '')}
          aria-invalid={problems['type'] ? true : undefined}
          aria-describedby={problems['type'] ? `${id}-type-error` : undefined}
        >
          <option value="">{t('answer.choose')}</option>
          {EVIDENCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`evidence.type.${type}`)}
            </option>
          ))}
        </select>
        <FieldProblem id={`${id}-type-error`} problem={problems['type']} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('evidence.field.description')}</label>
        <p id={`${id}-description-hint`} className="field-help">
          {t('evidence.hint.description')}
        </p>
        <textarea
          id={`${id}-description`}
          rows={3}
          maxLength={EVIDENCE_LIMITS.description}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
          aria-invalid={problems['description'] ? true : undefined}
          aria-describedby={[`${id}-description-hint`, problems['description'] ? `${id}-description-error` : '']
            .filter(Boolean)
            .join(' ')}
        />
        <FieldProblem id={`${id}-description-error`} problem={problems['description']} />
      </div>

      <fieldset className="field">
        <legend>{t('evidence.field.sensitivity')}</legend>
        <div className="choices">
          {EVIDENCE_SENSITIVITIES.map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name={`${id}-sensitivity`}
                value={s}
                checked={draft.sensitivity === s}
                onChange={() => set('sensitivity', s)}
              />
              <span>{t(`evidence.sensitivity.${s}`)}</span>
            </label>
          ))}
        </div>
        <FieldProblem id={`${id}-sensitivity-error`} problem={problems['sensitivity']} />
      </fieldset>
      {minor ? (
        <p className="notice warning" role="note">
          {t('evidence.minor.explain')}
        </p>
      ) : draft.sensitivity === 'intimate' ? (
        <p className="field-help">{t('evidence.intimateHint')}</p>
      ) : null}

      <div className="inline-group evidence-fields">
        {TEXT_FIELDS.map(([key, max]) =>
          textField(
            key,
            max,
            key === 'url'
              ? { hint: t('evidence.hint.url'), inputMode: 'url' }
              : key === 'eventTimeZone'
                ? { hint: t('evidence.hint.eventTimeZone') }
                : key === 'eventTime'
                  ? { hint: t('evidence.hint.eventTime') }
                  : {},
          ),
        )}
      </div>
      <div className="inline-group evidence-fields">
        <div className="field">
          <label htmlFor={`${id}-capturedAt`}>{t('evidence.field.capturedAt')}</label>
          <p id={`${id}-capturedAt-hint`} className="field-help">
            {capturedAt !== null
              ? t('evidence.hint.capturedAtUtc', { utc: utcText(capturedAt) })
              : t('evidence.hint.capturedAt')}
          </p>
          <input
            id={`${id}-capturedAt`}
            type="datetime-local"
            value={draft.capturedAt}
            onChange={(e) => set('capturedAt', e.target.value)}
            aria-invalid={problems['capturedAt'] ? true : undefined}
            aria-describedby={[`${id}-capturedAt-hint`, problems['capturedAt'] ? `${id}-capturedAt-error` : '']
              .filter(Boolean)
              .join(' ')}
          />
          <FieldProblem id={`${id}-capturedAt-error`} problem={problems['capturedAt']} />
        </div>
        {CAPTURE_FIELDS.map(([key, max]) =>
          textField(key, max, key === 'captureMethod' ? { hint: t('evidence.hint.captureMethod') } : {}),
        )}
      </div>
      <div className="inline-group evidence-fields">
        {textField('relatedPrompts', 400, { hint: t('evidence.hint.relatedPrompts') })}
        {CASE_FIELDS.map(([key, max]) => textField(key, max))}
      </div>

      {!item && !minor ? (
        evidenceFilesByUpload ? (
          <div className="field">
            <label htmlFor={`${id}-files`}>{t('evidence.form.files')}</label>
            <p id={`${id}-files-hint`} className="field-help">
              {t('evidence.files.hint')}
            </p>
            <input
              id={`${id}-files`}
              type="file"
              multiple
              aria-describedby={`${id}-files-hint`}
              disabled={saving}
              onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
            />
          </div>
        ) : (
          <p className="field-help">{t('evidence.form.filesAfterSaving')}</p>
        )
      ) : null}

      {progress ? (
        <div className="import-progress" role="status">
          <progress
            value={progress.sent}
            max={progress.total || 1}
            aria-label={t('evidence.files.progressLabel', { name: progress.name })}
          />
          <span>
            {t('evidence.files.progress', {
              name: progress.name,
              sent: sizeText(progress.sent, i18n.language, t, false),
              total: sizeText(progress.total, i18n.language, t, false),
            })}
          </span>
        </div>
      ) : null}
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {item ? t('evidence.form.saveChanges') : t('evidence.form.save')}
        </button>
        <button type="button" onClick={() => onDone(null)} disabled={saving}>
          {t('evidence.cancel')}
        </button>
      </div>
    </form>
  );
}

function TextInput({
  id,
  label,
  value,
  onChange,
  max,
  problem,
  hint,
  inputMode,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  max: number;
  problem?: string | undefined;
  hint?: string | undefined;
  inputMode?: 'url' | 'text' | undefined;
}) {
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-help">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={value}
        maxLength={max}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
      />
      <FieldProblem id={`${id}-error`} problem={problem} />
    </div>
  );
}

function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {t(problem)}
    </p>
  );
}

function optionalHint(t: TFunction, key: string): string | undefined {
  return key === 'accountIds'
    ? t('evidence.hint.accountIds')
    : key === 'originalLocation'
      ? t('evidence.hint.originalLocation')
      : undefined;
}

/** `2026-11-23 09:00 UTC`: capture times are recorded in UTC (C2). */
function utcText(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** For a datetime-local input: the officer's local time. */
function toLocalInput(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : at;
}

/** "10,0 Mo (10 485 760 octets)": the exact count matters as much as the readable one. */
function sizeText(bytes: number, language: string, t: TFunction, exact = true): string {
  const locale = LOCALES[language as OfficerUiLanguage] ?? 'fr-BE';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const readable = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
  return exact && unit > 0
    ? `${readable} (${t('evidence.files.bytes', { count: bytes, formatted: new Intl.NumberFormat(locale).format(bytes) })})`
    : readable;
}
