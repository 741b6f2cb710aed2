import { useTranslation } from 'react-i18next';
import { ROLES } from './user-forms';

export function RoleSelect({ id, registration }: { id: string; registration: object }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('account.role')}</label>
      <select id={id} {...registration}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
