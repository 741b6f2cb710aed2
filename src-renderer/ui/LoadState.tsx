import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { ErrorMessage } from './ErrorMessage';
import { Loading } from './Loading';

/**
 * What a read shows until its data is there: "Loading…", or the refusal translated with a button
 * to try again. Once there is data, the children (and a refused reload's error above them, so it
 * is never dropped).
 */
export function LoadState<T>({
  data,
  error,
  reload,
  children,
}: {
  data: T | null;
  error: ApiError | null;
  reload?: () => unknown;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (data === null) {
    if (!error) return <Loading />;
    return (
      <>
        <ErrorMessage error={error} />
        {reload ? (
          <button type="button" onClick={() => void reload()}>
            {t('app.retry')}
          </button>
        ) : null}
      </>
    );
  }
  return (
    <>
      <ErrorMessage error={error} />
      {children(data)}
    </>
  );
}
