import { useTranslation } from 'react-i18next';
import type { PhoneCheckView } from '../../../src-main/api/domains/phone-check';

type Finding = NonNullable<PhoneCheckView['result']>['findings'][number];

/** What a finding rests on, as the phone said it: the app, the setting or the property, and the list it is on. */
export function detailOf(finding: Finding): string {
  const p = finding.params;
  const parts: string[] = [];
  if (typeof p.package === 'string') parts.push(p.package);
  if (typeof p.setting === 'string') parts.push(`${p.setting} = ${String(p.value)}`);
  if (typeof p.property === 'string') parts.push(`${p.property} = ${String(p.value)}`);
  if (typeof p.indicator === 'string') {
    const aliases = Array.isArray(p.aliases) && p.aliases.length > 0 ? ` (${p.aliases.join(', ')})` : '';
    parts.push(`Echap: ${p.indicator}${aliases}`);
  }
  if (typeof p.patch === 'string') parts.push(p.patch);
  return parts.join(' · ');
}

/** One finding: what it means for her, in plain words, and the line behind it. */
export function FindingItem({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  return (
    <li data-finding={finding.code} data-level={finding.level}>
      <strong>{t(`phoneCheck.finding.${finding.code}`)}</strong>
      <br />
      <span className="finding-detail" dir="ltr">
        {detailOf(finding)}
      </span>
    </li>
  );
}
