import { type ReactNode, useSyncExternalStore } from "react";

const WIDE = "(min-width: 768px)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** True on a desktop-wide window: tables there, cards on a phone. */
export function useWide(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, e.g. amounts. */
  numeric?: boolean;
}

interface ResponsiveTableProps<Row> {
  label: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: readonly Column<Row>[];
  /** The card's heading on a phone (the first column's content is a good one). */
  cardTitle: (row: Row) => ReactNode;
}

/** One list, a table on a desktop and a stack of cards on a phone (only one of them is rendered). */
export function ResponsiveTable<Row>({ label, rows, rowKey, columns, cardTitle }: ResponsiveTableProps<Row>) {
  const wide = useWide();
  if (wide) {
    return (
      <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{label}</caption>
          <thead className="bg-stone-50 text-stone-700">
            <tr>
              {columns.map((column, index) => (
                <th key={index} scope="col" className={`px-3 py-2 font-semibold ${column.numeric ? "text-right" : ""}`}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} className="border-t border-stone-200 align-middle">
                {columns.map((column, index) => (
                  <td key={index} className={`px-3 py-2 ${column.numeric ? "text-right tabular-nums" : ""}`}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <ul aria-label={label} className="flex flex-col gap-3">
      {rows.map((row) => (
        <li key={rowKey(row)} className="rounded-xl border border-stone-200 bg-white p-4">
          <div className="mb-2 font-semibold text-stone-900">{cardTitle(row)}</div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {columns.slice(1).map((column, index) => (
              <div key={index} className="contents">
                <dt className="text-stone-600">{column.header}</dt>
                <dd className="text-stone-900">{column.cell(row)}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
