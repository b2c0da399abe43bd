/**
 * The chosen CSV file as the import will read it (`chalicelib/inventory/csv_io.py`): RFC 4180
 * records, a header, rows numbered as a spreadsheet shows them (the header is row 1, blank
 * records keep their number but are left out), so the API's problems can be shown against
 * the row and column they are about.
 */
export const IMPORT_COLUMNS = [
  "sku",
  "gtin",
  "name",
  "brand",
  "category_slug",
  "description",
  "unit_of_sale",
  "pack_size",
  "min_order_qty",
  "order_increment",
  "tiers",
  "low_stock_threshold",
  "lead_time_days",
  "status",
  "stock",
] as const;

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface CsvPreviewRow {
  number: number;
  cells: string[];
}

export interface CsvPreview {
  header: string[];
  rows: CsvPreviewRow[];
  /** Data rows in the whole file (not only those kept for the preview). */
  total: number;
}

/** RFC 4180 records; a quote left open runs to the end of the text, as a lenient reader would. */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let index = text.startsWith("\uFEFF") ? 1 : 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (quoted) {
      if (char === '"' && text.charAt(index + 1) === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      index += 1;
      continue;
    }
    if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (char === "\r" && text.charAt(index + 1) === "\n") index += 1;
    } else {
      field += char;
    }
    index += 1;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export function previewCsv(text: string, keep: number): CsvPreview {
  const [header = [], ...records] = csvRecords(text);
  const rows: CsvPreviewRow[] = [];
  let total = 0;
  records.forEach((cells, index) => {
    if (!cells.some((cell) => cell.trim() !== "")) return;
    total += 1;
    if (rows.length < keep) rows.push({ number: index + 2, cells: cells.map((cell) => cell.trim()) });
  });
  return { header: header.map((name) => name.trim().toLowerCase()), rows, total };
}

export interface RowProblem {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** An error detail of a refused import (`row 7: tiers`) as a row problem; null for file-wide ones. */
export function rowProblemOf(detail: { field: string; code: string; message: string }): RowProblem | null {
  const match = /^row (\d+)(?:: (.+))?$/.exec(detail.field);
  if (!match) return null;
  return { row: Number(match[1]), column: match[2] ?? "row", code: detail.code, message: detail.message };
}

/** Row -> column -> the messages about that cell (`row` for the whole row). */
export function problemsByCell(problems: readonly RowProblem[]): Map<number, Map<string, string[]>> {
  const cells = new Map<number, Map<string, string[]>>();
  for (const problem of problems) {
    const row = cells.get(problem.row) ?? new Map<string, string[]>();
    row.set(problem.column, [...(row.get(problem.column) ?? []), problem.message]);
    cells.set(problem.row, row);
  }
  return cells;
}

/** The rows with problems, those kept for the preview first, so the table shows what is wrong. */
export function rowsToShow(preview: CsvPreview, text: string, problemRows: ReadonlySet<number>, keep: number): CsvPreviewRow[] {
  if (problemRows.size === 0) return preview.rows;
  const all = previewCsv(text, Number.MAX_SAFE_INTEGER).rows;
  const wanted = all.filter((row) => problemRows.has(row.number));
  const rest = preview.rows.filter((row) => !problemRows.has(row.number));
  return [...wanted.slice(0, keep), ...rest].slice(0, Math.max(keep, wanted.length)).sort((a, b) => a.number - b.number);
}
