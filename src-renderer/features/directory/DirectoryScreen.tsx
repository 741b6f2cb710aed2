import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportServiceInput } from '../../../domain/support-directory';
import { useChannel } from '../../data/use-channel';
import { ErrorMessage } from '../../ui';
import { EMPTY_SERVICE } from './service-input';
import { ServiceForm } from './ServiceForm';
import { ServiceTable } from './ServiceTable';

/**
 * The administrator keeps the directory that victims' copies draw their helplines from. An
 * entry nobody has checked says so, so a wrong number is found before it is printed.
 */
export function DirectoryScreen() {
  const { t } = useTranslation();
  const list = useChannel('directory.list', {});
  const [editing, setEditing] = useState<{ id?: string; values: SupportServiceInput } | null>(null);

  return (
    <section className="page" aria-labelledby="directory-title">
      <div className="page-header">
        <h1 id="directory-title">{t('directory.title')}</h1>
        <button type="button" className="primary" onClick={() => setEditing({ values: EMPTY_SERVICE })}>
          {t('directory.add')}
        </button>
      </div>
      <p>{t('directory.intro')}</p>
      <ErrorMessage error={list.error} />
      {editing ? (
        <ServiceForm
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.values}
          onDone={() => {
            setEditing(null);
            void list.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <ServiceTable services={list.data?.services ?? []} onEdit={(id, values) => setEditing({ id, values })} />
    </section>
  );
}
