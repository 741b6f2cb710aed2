import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItemView } from '../../../src-main/api/contract';
import { formatDateTime } from '../../i18n';
import { CustodyForm } from './CustodyForm';
import { EvidenceItemForm } from './EvidenceItemForm';
import { utcText } from './evidence-format';
import { FileImport } from './FileImport';
import { FileTable } from './FileTable';

/** One item of the register: its C2 fields, its files and their SHA-256, its hand-overs. */
export function EvidenceItem({
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
