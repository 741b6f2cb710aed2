import { useTranslation } from 'react-i18next';

/** What was just done, kept as data so that it follows a change of interface language. */
export type Done = { kind: 'updated' | 'passwordReset' | 'deactivated' | 'reactivated'; username: string };

export function DoneMessage({ done }: { done: Done }) {
  const { t } = useTranslation();
  const { username } = done;
  const text = {
    updated: () => t('users.updated', { username }),
    passwordReset: () => t('users.passwordReset', { username }),
    deactivated: () => t('users.deactivated', { username }),
    reactivated: () => t('users.reactivated', { username }),
  }[done.kind]();
  return (
    <p role="status" className="success">
      {text}
    </p>
  );
}
