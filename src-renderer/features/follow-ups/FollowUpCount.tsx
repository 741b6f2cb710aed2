import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../data/use-channel';

/**
 * The number of her follow-ups, beside the link to her home in the top bar: read again at each
 * change of screen, so that an assessment returned while she was in another hearing shows.
 */
export function FollowUpCount({ shown }: { shown: string }) {
  const { t } = useTranslation();
  const followUps = useChannel('followUps.list', { scope: 'mine' });
  const { reload } = followUps;
  // The first answer comes from the mount; each change of screen after it asks again.
  const readFor = useRef(shown);
  useEffect(() => {
    if (readFor.current === shown) return;
    readFor.current = shown;
    void reload();
  }, [shown, reload]);
  const count = followUps.data?.items.length ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-count">
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('followUps.badge', { count })}</span>
    </span>
  );
}
