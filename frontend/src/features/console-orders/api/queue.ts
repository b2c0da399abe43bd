import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { type QueueFilters, toQuery } from "../lib/queue-filters";
import { mergeRounds, stepsTo } from "../lib/transitions";
import type { BulkTransitionResult, OrderStatus, TransitionBody } from "./types";

export const QUEUE_PAGE_SIZE = 25;

export function queueQuery(filters: QueueFilters) {
  return infiniteQueryOptions({
    queryKey: ["orders", "queue", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/orders", {
          params: { query: { ...toQuery(filters), cursor: pageParam, limit: QUEUE_PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 10_000,
    /** New orders arrive while the queue is open on the counter's screen. */
    refetchInterval: 60_000,
  });
}

export function pickListQuery(orderIds: readonly string[]) {
  return queryOptions({
    queryKey: ["orders", "pick-list", [...orderIds]],
    queryFn: ({ signal }) => unwrap(api.POST("/orders/pick-list", { body: { order_ids: [...orderIds] }, signal })),
    staleTime: 60_000,
  });
}

export interface BulkAction {
  action: "accept" | "dispatch";
  orders: readonly { id: string; status: OrderStatus }[];
  /** The driver, vehicle and date for a dispatch, the same for every order. */
  details?: Omit<TransitionBody, "to">;
}

/** The most orders `POST /orders/transitions` moves in one request. */
export const MAX_BULK_ORDERS = 100;

async function moveMany(to: TransitionBody["to"], orderIds: string[], details: Omit<TransitionBody, "to"> = {}) {
  const results: BulkTransitionResult[] = [];
  for (let start = 0; start < orderIds.length; start += MAX_BULK_ORDERS) {
    const chunk = orderIds.slice(start, start + MAX_BULK_ORDERS);
    const answer = await unwrap(api.POST("/orders/transitions", { body: { ...details, to, order_ids: chunk } }));
    results.push(...answer.results);
  }
  return results;
}

/**
 * Accepts or dispatches the selected orders with `POST /orders/transitions`, each order
 * succeeding or failing on its own; accepted orders are packed in a first round before the
 * dispatch. An order the action does not apply to is still sent, so the API says why not.
 */
export async function runBulkAction({ action, orders, details }: BulkAction): Promise<BulkTransitionResult[]> {
  if (action === "accept") return moveMany("accepted", orders.map((order) => order.id));
  const toPack = orders.filter((order) => stepsTo(order.status, "dispatch")?.includes("packed")).map((order) => order.id);
  const packed = await moveMany("packed", toPack);
  const failed = new Set(packed.filter((result) => !result.ok).map((result) => result.id));
  const dispatched = await moveMany(
    "dispatched",
    orders.filter((order) => !failed.has(order.id)).map((order) => order.id),
    details,
  );
  return mergeRounds([packed, dispatched]);
}

export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runBulkAction,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["orders"] }),
  });
}
