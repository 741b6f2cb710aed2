import { useTranslation } from 'react-i18next';

interface PendingItem {
  key: string;
  passage: string;
  /** Why it is released, for a passage to release. */
  reason?: string;
}

/** Passages chosen to withhold or to release, not yet confirmed, each removable; nothing when there are none. */
export function ReviewPendingList<Item extends PendingItem>({
  title,
  items,
  onRemove,
}: {
  title: string;
  items: Item[];
  onRemove: (item: Item) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <>
      <h5>{title}</h5>
      <ul className="review-pending">
        {items.map((item) => (
          <li key={item.key}>
            <q>{item.passage}</q>
            {item.reason !== undefined ? ` — ${item.reason}` : null}{' '}
            <button
              type="button"
              className="link-button"
              aria-label={t('documents.review.remove', { passage: item.passage })}
              onClick={() => onRemove(item)}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
