import { useTranslation } from 'react-i18next';
import { OFFICER_UI_LANGUAGES, type OfficerUiLanguage } from '../../domain/languages';
import { changeUiLanguage } from '../i18n';

/** The interface's language, in the top bar and on the cards before sign-in. */
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
