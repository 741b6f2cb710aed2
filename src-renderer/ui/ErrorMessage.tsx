import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';

/** Main's refusal, translated, in a banner screen readers announce. Nothing when there is none. */
export function ErrorMessage({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-banner" role="alert">
      {t(`error.${error.code}`)}
    </p>
  );
}
