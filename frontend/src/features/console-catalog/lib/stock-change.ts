import type { StockReason } from "../api/types";

export type Direction = "add" | "remove";

/** Restocks and returns add, damage removes, an adjustment goes either way (the API's sign rule). */
export function directionOf(reason: StockReason, chosen: Direction): Direction {
  if (reason === "restock" || reason === "return") return "add";
  if (reason === "damage") return "remove";
  return chosen;
}

/** The signed delta the API wants for `units` (a positive whole number). */
export function deltaOf(reason: StockReason, chosen: Direction, units: number): number {
  return directionOf(reason, chosen) === "add" ? units : -units;
}
