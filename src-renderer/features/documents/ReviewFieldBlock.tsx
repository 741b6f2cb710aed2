import { useTranslation } from 'react-i18next';
import { definitionKey } from '../../../forms/translation';
import type { ChannelOutput } from '../../../src-main/api/contract';

type ReviewField = ChannelOutput<'documents.reviewPreview'>['fields'][number];
type Piece = ReviewField['pieces'][number];

/**
 * One text of the hearing as her copy will print it: what the filter withholds, what it released
 * and why, and each near match with a button to release it.
 */
export function ReviewFieldBlock({
  field,
  isNew,
  releasing,
  onRelease,
}: {
  field: ReviewField;
  /** Not reviewed yet while other texts were. */
  isNew: boolean;
  /** Whether a release of this passage is already waiting to be confirmed. */
  releasing: (passage: string) => boolean;
  onRelease: (passage: string) => void;
}) {
  const { t } = useTranslation();
  const renderPiece = (piece: Piece, i: number) => {
    if (!piece.match) return <span key={i}>{piece.text}</span>;
    const { certainty, kind, released } = piece.match;
    if (released !== null) {
      return (
        <mark key={i} className="review-released">
          {piece.text}
          <span className="review-mark"> ({t('documents.review.releasedMark', { reason: released })})</span>
        </mark>
      );
    }
    if (certainty === 'definite') {
      return (
        <mark key={i} className="review-withheld">
          {piece.text}
          <span className="review-mark">
            {' '}
            {t('documents.review.markOf', {
              mark: t('documents.review.withheldMark'),
              kind: t(`documents.review.kind.${kind}`),
            })}
          </span>
        </mark>
      );
    }
    return (
      <mark key={i} className="review-near">
        {piece.text}
        <span className="review-mark">
          {' '}
          {t('documents.review.markOf', {
            mark: t('documents.review.nearMark'),
            kind: t(`documents.review.kind.${kind}`),
          })}
        </span>{' '}
        {releasing(piece.text) ? null : (
          <button type="button" className="link-button" onClick={() => onRelease(piece.text)}>
            {t('documents.review.release')}
          </button>
        )}
      </mark>
    );
  };
  return (
    <div className="review-field">
      <h5>
        {t(definitionKey(field.label.key), field.label.params ?? {})}
        {isNew ? <span className="badge"> {t('documents.review.new')}</span> : null}
      </h5>
      <p className="review-text" data-field={field.field}>
        {field.pieces.map(renderPiece)}
      </p>
    </div>
  );
}
