import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { useChannel, useMutation } from '../../data/use-channel';
import { ErrorMessage, FieldError, FormActions, LoadState } from '../../ui';
import { ReviewFieldBlock } from './ReviewFieldBlock';
import { ReviewPendingList } from './ReviewPendingList';

type Preview = ChannelOutput<'documents.reviewPreview'>;
type ReviewField = Preview['fields'][number];

interface CopyReviewPanelProps {
  hearingId: string;
  /** Tells the documents panel whether her copy may be printed. */
  onState: (state: { required: boolean; complete: boolean }) => void;
}

/** A passage the officer selected in one of the texts, or null (what the selection holds elsewhere is not hers to withhold). */
function selectedPassage(container: HTMLElement | null): string | null {
  const selection = window.getSelection();
  if (!container || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.commonAncestorContainer)) return null;
  const text = selection.toString().trim();
  return text.length >= 3 ? text : null;
}

/**
 * The officer's review before her copy's first print (victim-copy.md, "Safety rules"): every text
 * of the hearing as it will be printed, what the filter withholds, every near match ("may reveal
 * where she is"), which she may release with a reason, and any passage she selects to withhold.
 */
export function CopyReviewPanel({ hearingId, onState }: CopyReviewPanelProps) {
  const { t } = useTranslation();
  const ids = useId();
  const textsRef = useRef<HTMLDivElement>(null);
  const read = useChannel('documents.reviewPreview', { hearingId });
  const preview = read.data;
  const saveReview = useMutation('documents.saveReview');
  const [hint, setHint] = useState<string | null>(null);
  const [withhold, setWithhold] = useState<string[]>([]);
  const [release, setRelease] = useState<{ field: string; passage: string; reason: string }[]>([]);
  const [releasing, setReleasing] = useState<{ field: string; passage: string; reason: string } | null>(null);
  const [typed, setTyped] = useState('');
  const [saved, setSaved] = useState(false);

  // Tells the documents panel, at each reading, whether her copy may be printed.
  useEffect(() => {
    if (preview) onState({ required: preview.required, complete: preview.complete });
  }, [preview, onState]);

  if (!preview)
    return (
      <LoadState data={null} error={read.error} reload={read.reload}>
        {() => null}
      </LoadState>
    );
  if (!preview.required) return <p className="field-help">{t('documents.review.notRequired')}</p>;

  const everything = preview.fields
    .map((f) => f.pieces.map((p) => p.text).join(''))
    .join('\n')
    .toLocaleLowerCase();
  function addWithheld(passage: string | null) {
    setSaved(false);
    if (!passage) return setHint(t('documents.review.selectFirst'));
    if (!everything.includes(passage.toLocaleLowerCase())) return setHint(t('documents.review.notInTexts'));
    setHint(null);
    setWithhold((current) => (current.includes(passage) ? current : [...current, passage]));
  }

  async function confirm() {
    if (!preview) return;
    const result = await saveReview.run({
      hearingId,
      fields: preview.fields.map((f) => ({ field: f.field, sha256: f.sha256 })),
      withhold,
      release,
    });
    if (!result.ok) return;
    setWithhold([]);
    setRelease([]);
    setSaved(true);
    await read.reload();
  }

  const toReview = preview.fields.filter((f) => !f.reviewed);
  const reviewed = preview.fields.filter((f) => f.reviewed);
  const fieldBlock = (field: ReviewField) => (
    <ReviewFieldBlock
      key={field.field}
      field={field}
      isNew={!field.reviewed && reviewed.length > 0}
      releasing={(passage) => release.some((r) => r.field === field.field && r.passage === passage)}
      onRelease={(passage) => setReleasing({ field: field.field, passage, reason: '' })}
    />
  );

  return (
    <section className="copy-review" aria-labelledby={`${ids}-title`}>
      <h4 id={`${ids}-title`}>{t('documents.review.title')}</h4>
      {preview.complete ? (
        <p className="notice" role="status">
          {t('documents.review.complete')}
        </p>
      ) : (
        <p className="notice warning" role="note">
          {t('documents.review.intro')} {t('documents.review.pending', { count: toReview.length })}
        </p>
      )}
      <ul className="review-legend">
        <li>
          <mark className="review-withheld">{t('documents.review.withheldMark')}</mark>{' '}
          {t('documents.review.legendDefinite')}
        </li>
        <li>
          <mark className="review-near">{t('documents.review.nearMark')}</mark> {t('documents.review.legendNear')}
        </li>
      </ul>

      <div ref={textsRef} className="review-texts">
        {toReview.map(fieldBlock)}
        {reviewed.length > 0 ? (
          <details open={toReview.length === 0}>
            <summary>{t('documents.review.alreadyReviewed', { count: reviewed.length })}</summary>
            {reviewed.map(fieldBlock)}
          </details>
        ) : null}
      </div>

      {releasing ? (
        <form
          className="review-release"
          onSubmit={(event) => {
            event.preventDefault();
            if (releasing.reason.trim().length < 5) return setHint(t('documents.review.reasonTooShort'));
            setHint(null);
            setSaved(false);
            setRelease((current) => [...current, { ...releasing, reason: releasing.reason.trim() }]);
            setReleasing(null);
          }}
        >
          <label htmlFor={`${ids}-reason`}>{t('documents.review.releaseReason', { passage: releasing.passage })}</label>
          <textarea
            id={`${ids}-reason`}
            rows={2}
            maxLength={1000}
            value={releasing.reason}
            onChange={(e) => setReleasing({ ...releasing, reason: e.target.value })}
            autoFocus
          />
          <FormActions
            submit={t('documents.review.releaseConfirm')}
            primary={false}
            onCancel={() => setReleasing(null)}
            cancelLabel={t('documents.review.cancel')}
          />
        </form>
      ) : null}

      <FormActions>
        {/* onMouseDown keeps the selection the officer made in the texts until the click lands. */}
        <button
          type="button"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => addWithheld(selectedPassage(textsRef.current))}
        >
          {t('documents.review.withholdSelection')}
        </button>
      </FormActions>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          addWithheld(typed.trim().length >= 3 ? typed.trim() : null);
          setTyped('');
        }}
      >
        <label htmlFor={`${ids}-typed`}>{t('documents.review.typedPassage')}</label>
        <input
          id={`${ids}-typed`}
          type="text"
          maxLength={1000}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit">{t('documents.review.add')}</button>
      </form>
      <FieldError>{hint}</FieldError>

      <ReviewPendingList
        title={t('documents.review.toWithhold')}
        items={withhold.map((passage) => ({ key: passage, passage }))}
        onRemove={(item) => setWithhold((c) => c.filter((p) => p !== item.passage))}
      />
      <ReviewPendingList
        title={t('documents.review.toRelease')}
        items={release.map((r) => ({
          key: `${r.field}-${r.passage}`,
          passage: r.passage,
          reason: r.reason,
          release: r,
        }))}
        onRemove={(item) => setRelease((c) => c.filter((x) => x !== item.release))}
      />
      {!preview.complete || withhold.length > 0 || release.length > 0 ? (
        <FormActions>
          <button type="button" className="primary" disabled={saveReview.pending} onClick={() => void confirm()}>
            {t('documents.review.confirm')}
          </button>
        </FormActions>
      ) : null}
      <ErrorMessage error={saveReview.error} />
      <ErrorMessage error={read.error} />
      {saved ? (
        <p role="status" className="success">
          {t('documents.review.saved')}
        </p>
      ) : null}
    </section>
  );
}
