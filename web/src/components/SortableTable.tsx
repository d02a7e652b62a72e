import { useMemo, useState, type ReactNode } from 'react';
import { TableScroll } from './common.js';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by; unknown values (null) sort last either way. */
  sortValue: (row: T) => string | number | null;
  render: (row: T) => ReactNode;
  numeric?: boolean;
}

type Direction = 'ascending' | 'descending';

/** A table whose column headers are buttons that sort it (announced to screen readers through aria-sort). */
export function SortableTable<T>({
  rows,
  columns,
  rowKey,
  label,
  initialSort,
  rowProps,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  initialSort?: { key: string; direction: Direction };
  rowProps?: (row: T) => Record<string, string>;
}) {
  const [sort, setSort] = useState(initialSort ?? { key: columns[0]!.key, direction: 'ascending' as Direction });
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort.key) ?? columns[0]!;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = column.sortValue(a);
      const y = column.sortValue(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
      return String(x).localeCompare(String(y)) * sign;
    });
  }, [rows, columns, sort]);

  const toggle = (key: string) =>
    setSort((s) => ({ key, direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <TableScroll label={label}>
      <table className="data">
        <caption className="visually-hidden">{label}, sortable by column</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.direction : 'none'} className={c.numeric ? 'num' : undefined}>
                <button type="button" className="sort" onClick={() => toggle(c.key)}>
                  {c.label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.key === c.key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
