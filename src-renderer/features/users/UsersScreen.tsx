import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../src-main/api/contract';
import { useChannel } from '../../data/use-channel';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ConfirmActive } from './ConfirmActive';
import { DoneMessage, type Done } from './DoneMessage';
import { EditUserForm } from './EditUserForm';
import { NewUserForm } from './NewUserForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { UnitsSection } from './UnitsSection';
import { UsersTable, type UserAction } from './UsersTable';

type Panel = { kind: UserAction; user: UserView };

/** The administrator's accounts page: administrators manage people, they do not read hearings. */
export function UsersScreen({ currentUser }: { currentUser: UserView }) {
  const { t } = useTranslation();
  const usersRead = useChannel('users.list', {});
  const unitsRead = useChannel('units.list', {});
  const setupRead = useChannel('setup.status', {});
  const users = usersRead.data?.users ?? [];
  const units = unitsRead.data?.units ?? [];
  const passwordMinLength = setupRead.data?.passwordMinLength ?? null;
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<Done | null>(null);
  // Where focus goes back to when a panel closes: the button that opened it.
  const opener = useRef<HTMLElement | null>(null);

  const load = () => {
    void usersRead.reload();
    void unitsRead.reload();
  };
  const open = (kind: UserAction, user: UserView) => (event: React.MouseEvent<HTMLElement>) => {
    opener.current = event.currentTarget;
    setNotice(null);
    setPanel({ kind, user });
  };
  const close = (done?: Done) => {
    setPanel(null);
    if (done) setNotice(done);
    load();
    const target = opener.current;
    requestAnimationFrame(() => target?.focus());
  };

  return (
    <section className="page wide" aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <ErrorMessage error={usersRead.error ?? unitsRead.error ?? setupRead.error} />
      {/* A unit comes first: every officer and supervisor account is created in one. */}
      <UnitsSection units={units} users={users} onChanged={load} />
      <section aria-labelledby="users-list-title">
        <h2 id="users-list-title">{t('users.listTitle')}</h2>
        <UsersTable users={users} units={units} currentUser={currentUser} onAction={open} />
      </section>
      {notice ? <DoneMessage done={notice} /> : null}
      {panel?.kind === 'edit' ? (
        <EditUserForm
          key={panel.user.id}
          user={panel.user}
          self={panel.user.id === currentUser.id}
          units={units}
          onDone={(user) => close({ kind: 'updated', username: user.username })}
          onCancel={() => close()}
        />
      ) : null}
      {panel?.kind === 'reset' ? (
        <ResetPasswordForm
          key={panel.user.id}
          user={panel.user}
          passwordMinLength={passwordMinLength}
          onDone={(user) => close({ kind: 'passwordReset', username: user.username })}
          onCancel={() => close()}
        />
      ) : null}
      {panel?.kind === 'active' ? (
        <ConfirmActive
          key={panel.user.id}
          user={panel.user}
          onDone={(user) => close({ kind: user.active ? 'reactivated' : 'deactivated', username: user.username })}
          onCancel={() => close()}
        />
      ) : null}
      <NewUserForm units={units} passwordMinLength={passwordMinLength} onCreated={load} />
    </section>
  );
}
