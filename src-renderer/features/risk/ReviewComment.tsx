import { useTranslation } from 'react-i18next';

/** The supervisor's comment on an assessment, as every screen that shows it writes it; nothing without one. */
export function ReviewComment({ comment }: { comment: string | null }) {
  const { t } = useTranslation();
  if (!comment) return null;
  return (
    <p className="review-comment">
      {t('risk.review.comment')}
      {t('form.colon')} {comment}
    </p>
  );
}
