import { useTranslation } from "react-i18next";
import type { CsvPreviewRow } from "../lib/csv-preview";

interface ImportPreviewProps {
  header: string[];
  rows: CsvPreviewRow[];
  /** Row -> column -> messages (`row` for the whole row). */
  problems: Map<number, Map<string, string[]>>;
}

/** Column names may wrap after their underscores, not inside words. */
function breakable(column: string): string {
  return column.replaceAll("_", "_\u200B");
}

const BAD_CELL = "bg-red-50 outline outline-2 -outline-offset-2 outline-red-700";

/** The file's first rows with every problem shown in the cell it is about: a table, or cards on a phone. */
export function ImportPreview({ header, rows, problems }: ImportPreviewProps) {
  const { t } = useTranslation("consoleCatalog");
  const messages = (row: number, column: string) => problems.get(row)?.get(column) ?? [];
  const rowMessages = (row: number) => messages(row, "row");
  const indexOf = new Map(header.map((column, index) => [column, index]));
  const columns = header.filter((column, index) =>
    rows.some((row) => (row.cells[index] ?? "") !== "" || messages(row.number, column).length > 0),
  );
  return (
    <>
      <div className="hidden rounded-xl border border-stone-200 bg-white md:block">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t("import.previewLabel")}</caption>
          <thead className="bg-stone-50 text-stone-800">
            <tr>
              <th scope="col" className="whitespace-nowrap p-2">{t("import.rowNumber")}</th>
              {columns.map((column) => (
                <th key={column} scope="col" className="px-1.5 py-2 align-bottom font-mono text-xs">
                  {breakable(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const bad = problems.has(row.number);
              return (
                <tr key={row.number} className={`border-t border-stone-100 align-top ${bad ? "bg-red-50/40" : ""}`}>
                  <th scope="row" className={`p-2 tabular-nums ${rowMessages(row.number).length > 0 ? BAD_CELL : ""}`}>
                    {row.number}
                    {rowMessages(row.number).map((message) => (
                      <p key={message} className="mt-1 max-w-56 font-normal text-red-800">{message}</p>
                    ))}
                  </th>
                  {columns.map((column) => {
                    const cellMessages = messages(row.number, column);
                    return (
                      <td
                        key={column}
                        className={`px-1.5 py-2 [overflow-wrap:anywhere] ${cellMessages.length > 0 ? BAD_CELL : ""}`}
                        aria-invalid={cellMessages.length > 0 || undefined}
                      >
                        <span>{row.cells[indexOf.get(column) ?? -1] ?? ""}</span>
                        {cellMessages.map((message) => (
                          <p key={message} className="mt-1 font-medium text-red-800">
                            {message}
                          </p>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <ol aria-label={t("import.previewLabel")} className="flex flex-col gap-3 md:hidden">
        {rows.map((row) => {
          const cells = new Map(header.map((column, index) => [column, row.cells[index] ?? ""]));
          const shown = header.filter((column) => cells.get(column) || messages(row.number, column).length > 0);
          return (
            <li
              key={row.number}
              className={`flex flex-col gap-2 rounded-xl border bg-white p-3 ${problems.has(row.number) ? "border-red-700" : "border-stone-200"}`}
            >
              <p className="font-semibold">
                {t("import.rowTitle", { row: row.number, name: cells.get("name") || cells.get("sku") || "" })}
              </p>
              {rowMessages(row.number).map((message) => (
                <p key={message} className="text-sm font-medium text-red-800">{message}</p>
              ))}
              <dl className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-1 text-sm">
                {shown.map((column) => {
                  const cellMessages = messages(row.number, column);
                  return (
                    <div key={column} className={`col-span-2 grid grid-cols-subgrid rounded ${cellMessages.length > 0 ? BAD_CELL : ""} p-1`}>
                      <dt className="font-mono text-xs leading-5 text-stone-700">{breakable(column)}</dt>
                      <dd className="min-w-0 break-words">
                        {cells.get(column)}
                        {cellMessages.map((message) => (
                          <span key={message} className="block font-medium text-red-800">
                            {message}
                          </span>
                        ))}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </li>
          );
        })}
      </ol>
    </>
  );
}
