import type { OrderStatus, PaymentMethod, PaymentStatus, QueueQuery, QueueSort } from "../api/types";

export const ORDER_STATUSES: readonly OrderStatus[] = [
  "placed",
  "accepted",
  "packed",
  "dispatched",
  "delivered",
  "completed",
  "cancelled",
  "pending_payment",
];
export const PAYMENT_METHODS: readonly PaymentMethod[] = ["mobile_money", "pay_on_delivery"];
export const PAYMENT_STATUSES: readonly PaymentStatus[] = ["awaiting", "paid", "to_collect", "collected", "not_due"];
export const SORTS: readonly QueueSort[] = ["newest", "oldest", "delivery_date"];

/** What the queue shows, as kept in the address (so a filtered queue can be shared and reloaded). */
export interface QueueFilters {
  statuses: OrderStatus[];
  paymentMethod: PaymentMethod | null;
  paymentStatus: PaymentStatus | null;
  deliveryFrom: string | null;
  deliveryTo: string | null;
  q: string;
  sort: QueueSort;
}

export const NO_FILTERS: QueueFilters = {
  statuses: [],
  paymentMethod: null,
  paymentStatus: null,
  deliveryFrom: null,
  deliveryTo: null,
  q: "",
  sort: "newest",
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const Q_MAX = 100;

function oneOf<Value extends string>(values: readonly Value[], candidate: string | null): Value | null {
  return values.find((value) => value === candidate) ?? null;
}

function day(candidate: string | null): string | null {
  return candidate && DAY.test(candidate) && !Number.isNaN(Date.parse(candidate)) ? candidate : null;
}

/** The API refuses control characters in free text. */
function withoutControlCharacters(text: string): string {
  return text.replace(/\p{Cc}/gu, "");
}

/** The address's filters, ignoring what the API would refuse (an unknown status, a bad date). */
export function readFilters(params: URLSearchParams): QueueFilters {
  const statuses = (params.get("status") ?? "")
    .split(",")
    .map((status) => oneOf(ORDER_STATUSES, status))
    .filter((status): status is OrderStatus => status !== null);
  return {
    statuses: ORDER_STATUSES.filter((status) => statuses.includes(status)),
    paymentMethod: oneOf(PAYMENT_METHODS, params.get("payment_method")),
    paymentStatus: oneOf(PAYMENT_STATUSES, params.get("payment_status")),
    deliveryFrom: day(params.get("delivery_from")),
    deliveryTo: day(params.get("delivery_to")),
    q: withoutControlCharacters(params.get("q") ?? "").slice(0, Q_MAX),
    sort: oneOf(SORTS, params.get("sort")) ?? "newest",
  };
}

/** The filters as address parameters; what is left as it is by default is left out. */
export function writeFilters(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.statuses.length > 0) params.set("status", filters.statuses.join(","));
  if (filters.paymentMethod) params.set("payment_method", filters.paymentMethod);
  if (filters.paymentStatus) params.set("payment_status", filters.paymentStatus);
  if (filters.deliveryFrom) params.set("delivery_from", filters.deliveryFrom);
  if (filters.deliveryTo) params.set("delivery_to", filters.deliveryTo);
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.sort !== "newest") params.set("sort", filters.sort);
  return params;
}

/** The filters as `GET /orders` asks them. */
export function toQuery(filters: QueueFilters): QueueQuery {
  return {
    status: filters.statuses.length > 0 ? filters.statuses.join(",") : undefined,
    payment_method: filters.paymentMethod ?? undefined,
    payment_status: filters.paymentStatus ?? undefined,
    delivery_date_from: filters.deliveryFrom ?? undefined,
    delivery_date_to: filters.deliveryTo ?? undefined,
    q: filters.q.trim() || undefined,
    sort: filters.sort,
  };
}

/** The "New" quick filter: orders placed and waiting to be accepted. */
export function isNewOnly(filters: QueueFilters): boolean {
  return filters.statuses.length === 1 && filters.statuses[0] === "placed";
}

export function activeFilterCount(filters: QueueFilters): number {
  return [
    filters.statuses.length > 0,
    filters.paymentMethod,
    filters.paymentStatus,
    filters.deliveryFrom,
    filters.deliveryTo,
    filters.q.trim(),
  ].filter(Boolean).length;
}
