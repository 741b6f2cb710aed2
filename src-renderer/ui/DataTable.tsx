import type { Key, ReactNode } from 'react';

export interface Column<Row> {
  /** The column's heading; `hidden` keeps it for screen readers only (an actions column). */
  header: ReactNode;
  hidden?: boolean;
  /** The cell; `rowHeader` makes it the row's `<th scope="row">`. */
  cell: (row: Row) => ReactNode;
  rowHeader?: boolean;
  className?: string;
  /** A class for one row's cell (an overdue date), added to `className`. */
  cellClassName?: (row: Row) => string | undefined;
}

/**
 * A list as a table: column headings with `scope="col"`, one row per item. `renderRow` replaces a
 * row's cells when it returns something (a row turned into a form, say).
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  className,
  caption,
  captionId,
  captionHidden = false,
  rowProps,
  renderRow,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  className?: string;
  caption?: ReactNode;
  /** The caption's id (a scrolling region around the table is labelled by it). */
  captionId?: string;
  /** For screen readers only. */
  captionHidden?: boolean;
  rowProps?: (row: Row) => { className?: string | undefined; [data: `data-${string}`]: string | number | undefined };
  renderRow?: (row: Row) => ReactNode | null;
}) {
  return (
    <table className={className}>
      {caption ? (
        <caption id={captionId} className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
      ) : null}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={column.className}>
              {column.hidden ? <span className="visually-hidden">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const cellClass = (column: Column<Row>) =>
            [column.className, column.cellClassName?.(row)].filter(Boolean).join(' ') || undefined;
          const replaced = renderRow?.(row);
          if (replaced) return <tr key={rowKey(row)}>{replaced}</tr>;
          return (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((column, index) =>
                column.rowHeader ? (
                  <th key={index} scope="row" className={cellClass(column)}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={index} className={cellClass(column)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
