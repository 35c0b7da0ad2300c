import type { ComponentChildren } from 'preact';

export interface Column<R> {
  key: string;
  label: string;
  /** Value used for sorting (numbers sort numerically, nulls last). */
  value: (row: R) => string | number | null;
  render: (row: R) => ComponentChildren;
  numeric?: boolean;
}

export interface SortableTableProps<R> {
  columns: Column<R>[];
  rows: R[];
  sort: { field: string; desc: boolean };
  onSort: (sort: { field: string; desc: boolean }) => void;
  onRowClick?: (row: R) => void;
  rowKey: (row: R) => string;
  sortLabel: (label: string) => string;
  caption?: string;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh');
}

/** A table sorted by a clicked header (click again to reverse); rows can be clicked or keyed. */
export function SortableTable<R>(p: SortableTableProps<R>) {
  const col = p.columns.find((c) => c.key === p.sort.field) ?? p.columns[1] ?? p.columns[0];
  const sorted = [...p.rows].sort((a, b) => {
    const c = compare(col.value(a), col.value(b));
    const nullsLast = col.value(a) === null || col.value(b) === null;
    return p.sort.desc && !nullsLast ? -c : c;
  });
  return (
    <div class="table-wrap">
      <table>
        {p.caption && <caption>{p.caption}</caption>}
        <thead>
          <tr>
            {p.columns.map((c) => {
              const active = c.key === col.key;
              return (
                <th
                  key={c.key}
                  class={c.numeric ? 'num' : undefined}
                  aria-sort={active ? (p.sort.desc ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    data-sort={c.key}
                    title={p.sortLabel(c.label)}
                    onClick={() =>
                      p.onSort({ field: c.key, desc: active ? !p.sort.desc : c.numeric !== false })
                    }
                  >
                    {c.label}
                    <span class="sort-mark">{active ? (p.sort.desc ? '▼' : '▲') : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr
              key={p.rowKey(r)}
              class={p.onRowClick ? 'clickable' : undefined}
              tabIndex={p.onRowClick ? 0 : undefined}
              onClick={p.onRowClick ? () => p.onRowClick?.(r) : undefined}
              onKeyDown={
                p.onRowClick
                  ? (e) => {
                      if (e.key === 'Enter') p.onRowClick?.(r);
                    }
                  : undefined
              }
            >
              {p.columns.map((c) => (
                <td key={c.key} class={c.numeric ? 'num' : undefined}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
