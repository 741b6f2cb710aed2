import { useTranslation } from 'react-i18next';
import type { SupportServiceInput } from '../../../domain/support-directory';
import type { SupportServiceView } from '../../../src-main/api/contract';
import { DataTable } from '../../ui';
import { toInput } from './service-input';
import { isoDayToText } from '../../ui/dates';

/** The directory's services, an unchecked one marked "to verify". */
export function ServiceTable({
  services,
  onEdit,
}: {
  services: SupportServiceView[];
  onEdit: (id: string, values: SupportServiceInput) => void;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      className="list"
      rows={services}
      rowKey={(s) => s.id}
      columns={[
        {
          header: t('directory.name'),
          cell: (s) => (
            <>
              {s.name}
              {s.active ? null : <> ({t('directory.inactive')})</>}
            </>
          ),
        },
        { header: t('directory.region'), cell: (s) => t(`directory.regions.${s.region}`) },
        { header: t('directory.phone'), cell: (s) => <span className="phone">{s.phone}</span> },
        {
          header: t('directory.verifiedOn'),
          cell: (s) =>
            s.verifiedOn ? isoDayToText(s.verifiedOn) : <span className="badge">{t('directory.toVerify')}</span>,
        },
        {
          header: t('directory.edit'),
          hidden: true,
          cell: (s) => (
            <button
              type="button"
              onClick={() => onEdit(s.id, toInput(s))}
              aria-label={t('directory.editNamed', { name: s.name })}
            >
              {t('directory.edit')}
            </button>
          ),
        },
      ]}
    />
  );
}
