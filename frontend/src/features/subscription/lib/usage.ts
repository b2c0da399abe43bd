import type { components } from "@/lib/api-types";

type LimitUsage = components["schemas"]["LimitUsage"];

export type MeterTone = "unlimited" | "ok" | "near" | "full" | "over";

/** From this share of a limit on, the meter warns that the limit is close. */
export const NEAR_LIMIT = 0.8;

export interface Meter {
  name: LimitUsage["name"];
  used: number;
  limit: number | null;
  /** 0..1 of the limit used, for the bar; null when unlimited. */
  fraction: number | null;
  tone: MeterTone;
}

export function meterFor(usage: LimitUsage): Meter {
  const { name, used, limit } = usage;
  if (limit === null) return { name, used, limit, fraction: null, tone: "unlimited" };
  const fraction = limit === 0 ? 1 : Math.min(1, used / limit);
  let tone: MeterTone = "ok";
  if (used > limit) tone = "over";
  else if (used === limit) tone = "full";
  else if (used / limit >= NEAR_LIMIT) tone = "near";
  return { name, used, limit, fraction, tone };
}
