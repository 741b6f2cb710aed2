import { useTranslation } from 'react-i18next';
import { OFFICER_UI_LANGUAGES, type OfficerUiLanguage } from '../../domain/languages';
import type { ApiError } from '../api/client';
import { changeUiLanguage } from '../i18n';

export function ErrorMessage({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-banner" role="alert">
      {t(`error.${error.code}`)}
    </p>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('app.uiLanguage')}</span>
      <select value={i18n.language} onChange={(e) => void changeUiLanguage(e.target.value as OfficerUiLanguage)}>
        {OFFICER_UI_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`uiLanguage.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Text field for the account forms, with its error translated and tied to it for screen readers. */
export function TextField({
  id,
  label,
  error,
  type = 'text',
  autoComplete,
  hint,
  autoFocus,
  registration,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  type?: 'text' | 'password';
  autoComplete?: string;
  hint?: string | undefined;
  autoFocus?: boolean;
  registration: object;
}) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
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
        type={type}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...registration}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
