import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitView, UserView } from '../../../src-main/api/contract';
import { DataTable } from '../../ui/DataTable';
import { UnitForm } from './UnitForm';

const focusRename = (unitId: string) =>
  requestAnimationFrame(() => document.getElementById(`rename-${unitId}`)?.focus());

/** The zone's units: officers and supervisors each belong to one. Units are renamed, never removed. */
export function UnitsSection({
  units,
  users,
  onChanged,
}: {
  units: UnitView[];
  users: UserView[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'created' | 'renamed'; name: string } | null>(null);
  const members = (unitId: string) => users.filter((u) => u.active && u.unitId === unitId).length;
  return (
    <section aria-labelledby="units-title" className="units">
      <h2 id="units-title">{t('units.title')}</h2>
      <p>{t('units.intro')}</p>
      {units.length > 0 ? (
        <DataTable
          className="list"
          rows={units}
          rowKey={(unit) => unit.id}
          columns={[
            { header: t('units.name'), cell: (unit) => unit.name },
            { header: t('units.members'), cell: (unit) => members(unit.id) },
            {
              header: t('users.actions'),
              hidden: true,
              cell: (unit) => (
                <button
                  type="button"
                  id={`rename-${unit.id}`}
                  onClick={() => {
                    setNotice(null);
                    setRenaming(unit.id);
                  }}
                  aria-label={t('units.renameNamed', { name: unit.name })}
                >
                  {t('units.rename')}
                </button>
              ),
            },
          ]}
          renderRow={(unit) =>
            renaming === unit.id ? (
              <td colSpan={3}>
                <UnitForm
                  id={`rename-unit-${unit.id}`}
                  unit={unit}
                  onSaved={(saved) => {
                    setRenaming(null);
                    setNotice({ kind: 'renamed', name: saved.name });
                    onChanged();
                    focusRename(unit.id);
                  }}
                  onCancel={() => {
                    setRenaming(null);
                    focusRename(unit.id);
                  }}
                />
              </td>
            ) : null
          }
        />
      ) : (
        <p className="notice">{t('units.none')}</p>
      )}
      {notice ? (
        <p role="status" className="success">
          {notice.kind === 'created'
            ? t('units.created', { name: notice.name })
            : t('units.renamed', { name: notice.name })}
        </p>
      ) : null}
      <UnitForm
        id="new-unit-name"
        unit={null}
        onSaved={(saved) => {
          setNotice({ kind: 'created', name: saved.name });
          onChanged();
        }}
      />
    </section>
  );
}
