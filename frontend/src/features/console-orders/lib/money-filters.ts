import type { RefundStatus, SettlementStatus } from "../api/types";

export const MONEY_TABS = ["settlements", "payouts", "refunds"] as const;
export type MoneyTab = (typeof MONEY_TABS)[number];
export const SETTLEMENT_STATUSES: readonly SettlementStatus[] = ["due", "paid", "cancelled"];
export const REFUND_STATUSES: readonly RefundStatus[] = ["open", "sent", "completed", "failed"];

/** The money page's tab and filters, as kept in the address. */
export interface MoneyFilters {
  tab: MoneyTab;
  settlementStatus: SettlementStatus | null;
  from: string | null;
  to: string | null;
  refundStatus: RefundStatus | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<Value extends string>(values: readonly Value[], candidate: string | null): Value | null {
  return values.find((value) => value === candidate) ?? null;
}

export function readMoneyFilters(params: URLSearchParams): MoneyFilters {
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : null;
  };
  return {
    tab: oneOf(MONEY_TABS, params.get("tab")) ?? "settlements",
    settlementStatus: oneOf(SETTLEMENT_STATUSES, params.get("status")),
    from: day("from"),
    to: day("to"),
    refundStatus: oneOf(REFUND_STATUSES, params.get("refund_status")),
  };
}

export function writeMoneyFilters(filters: MoneyFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.tab !== "settlements") params.set("tab", filters.tab);
  if (filters.settlementStatus) params.set("status", filters.settlementStatus);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.refundStatus) params.set("refund_status", filters.refundStatus);
  return params;
}
