import { fromCents, toCents } from "@/lib/money";

/** The sum of the chosen rows' amounts, computed in cents. */
export function selectedTotal<Row extends { id: string }>(rows: readonly Row[], chosen: ReadonlySet<string>, amount: (row: Row) => string): string {
  return fromCents(rows.filter((row) => chosen.has(row.id)).reduce((sum, row) => sum + toCents(amount(row)), 0));
}

/** Toggles one id; the set is replaced, never changed in place, so React sees the change. */
export function toggled(chosen: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(chosen);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Selecting "all" picks every selectable row; when they are all picked it clears them. */
export function toggledAll(chosen: ReadonlySet<string>, selectable: readonly string[]): Set<string> {
  const allChosen = selectable.length > 0 && selectable.every((id) => chosen.has(id));
  return allChosen ? new Set() : new Set(selectable);
}
