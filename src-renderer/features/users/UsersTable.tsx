import { useTranslation } from 'react-i18next';
import type { UnitView, UserView } from '../../../src-main/api/contract';
import { DataTable } from '../../ui/DataTable';

export type UserAction = 'edit' | 'reset' | 'active';

/** The zone's accounts, each with its actions (no reset nor deactivation of one's own). */
export function UsersTable({
  users,
  units,
  currentUser,
  onAction,
}: {
  users: UserView[];
  units: UnitView[];
  currentUser: UserView;
  onAction: (kind: UserAction, user: UserView) => (event: React.MouseEvent<HTMLElement>) => void;
}) {
  const { t } = useTranslation();
  const unitName = (unitId: string | null) => units.find((u) => u.id === unitId)?.name ?? '';
  return (
    <DataTable
      className="list users-list"
      rows={users}
      rowKey={(u) => u.id}
      rowProps={(u) => ({ className: u.active ? undefined : 'inactive' })}
      columns={[
        {
          header: t('account.username'),
          cell: (u) => (
            <>
              {u.username}
              {u.id === currentUser.id ? <> ({t('users.you')})</> : null}
            </>
          ),
        },
        { header: t('account.displayName'), cell: (u) => u.displayName },
        { header: t('users.serviceNumber'), cell: (u) => u.serviceNumber },
        { header: t('account.role'), cell: (u) => t(`role.${u.role}`) },
        {
          header: t('users.unit'),
          cell: (u) =>
            u.role === 'administrator' ? <span className="muted">{t('users.noUnit')}</span> : unitName(u.unitId),
        },
        {
          header: t('users.state'),
          cell: (u) => (
            <>
              {u.active ? t('users.active') : <span className="badge">{t('users.inactive')}</span>}
              {u.active && u.mustChangePassword ? (
                <>
                  {' '}
                  <span className="badge">{t('users.mustChangePassword')}</span>
                </>
              ) : null}
            </>
          ),
        },
        {
          header: t('users.actions'),
          hidden: true,
          cell: (u) => (
            <div className="row-actions">
              <button
                type="button"
                onClick={onAction('edit', u)}
                aria-label={t('users.editNamed', { username: u.username })}
              >
                {t('users.edit')}
              </button>
              {u.id === currentUser.id ? null : (
                <>
                  <button
                    type="button"
                    onClick={onAction('reset', u)}
                    aria-label={t('users.resetPasswordNamed', { username: u.username })}
                  >
                    {t('users.resetPassword')}
                  </button>
                  <button
                    type="button"
                    className={u.active ? 'danger' : undefined}
                    onClick={onAction('active', u)}
                    aria-label={
                      u.active
                        ? t('users.deactivateNamed', { username: u.username })
                        : t('users.reactivateNamed', { username: u.username })
                    }
                  >
                    {u.active ? t('users.deactivate') : t('users.reactivate')}
                  </button>
                </>
              )}
            </div>
          ),
        },
      ]}
    />
  );
}
