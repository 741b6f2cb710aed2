import type { TFunction } from 'i18next';
import type { ChannelOutput } from '../../../src-main/api/contract';
import { categoryLabel } from './statistics-labels';

type StatisticsExport = ChannelOutput<'statistics.export'>;

/** Saves the counts as a CSV file a Belgian spreadsheet opens as is; returns the file's name. */
export function saveStatisticsCsv(result: StatisticsExport, t: TFunction): string {
  const threshold = result.threshold;
  const name = `${t('statistics.fileName')}_${result.from}_${result.to}_${result.granularity}.csv`;
  const quote = (value: string) => (/[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [
    ['period', 'measure', 'category', 'label', 'count', 'suppressed'].join(';'),
    ...result.rows.map((r) =>
      [
        r.period,
        r.measure,
        r.category,
        categoryLabel(r.measure, r.category, t),
        r.suppressed === 'small' ? `<${threshold}` : r.count === null ? '' : String(r.count),
        r.suppressed ?? '',
      ]
        .map(quote)
        .join(';'),
    ),
  ];
  // Semicolons and a byte-order mark: what a spreadsheet set to Belgian French or Dutch opens as is.
  const url = URL.createObjectURL(new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
