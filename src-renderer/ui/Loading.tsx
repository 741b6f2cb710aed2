import { useTranslation } from 'react-i18next';

/** "Loading…" while a read is on its way; `page` for a whole page (the app starting, a screen's code). */
export function Loading({ page = false }: { page?: boolean }) {
  const { t } = useTranslation();
  return <p className={page ? 'loading' : undefined}>{t('app.loading')}</p>;
}
