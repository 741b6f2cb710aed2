import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionLabel } from '../../app/ConnectionLabel';
import { LanguageSwitch } from '../../app/LanguageSwitch';

/** The card of the screens before the app opens (first run, sign-in, lock, forced password change). */
export function Centered({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="centered">
      <div className="card">
        <p className="app-name">
          {t('app.name')}
          <ConnectionLabel />
        </p>
        <h1>{title}</h1>
        {children}
        <LanguageSwitch />
      </div>
    </main>
  );
}
