import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { downloadFile } from "@/lib/download";
import type { Order, OrderStatus } from "./types";

export const ORDERS_PAGE_SIZE = 20;
const CART_KEY = ["cart"] as const;

export function ordersQuery(status: OrderStatus | null) {
  return infiniteQueryOptions({
    queryKey: ["orders", "list", status],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/orders", {
          params: { query: { status: status ?? undefined, cursor: pageParam, limit: ORDERS_PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 10_000,
  });
}

export function orderQuery(id: string) {
  return queryOptions({
    queryKey: ["orders", "detail", id],
    queryFn: ({ signal }) => unwrap(api.GET("/orders/{id}", { params: { path: { id } }, signal })),
    staleTime: 10_000,
  });
}

/** A changed order replaces its cached detail; the lists are fetched again when next seen. */
function useOrderChange<Variables>(id: string, send: (variables: Variables) => Promise<Order>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (order) => {
      queryClient.setQueryData(orderQuery(id).queryKey, order);
      return queryClient.invalidateQueries({ queryKey: ["orders", "list"] });
    },
  });
}

export function useCancelOrder(id: string) {
  return useOrderChange(id, (reason: string | null) =>
    unwrap(api.POST("/orders/{id}/cancel", { params: { path: { id } }, body: { reason } })),
  );
}

export function useConfirmReceipt(id: string) {
  return useOrderChange(id, (note: string | null) =>
    unwrap(api.POST("/orders/{id}/receipt", { params: { path: { id } }, body: { note } })),
  );
}

export function useReorder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/orders/{id}/reorder", { params: { path: { id } } })),
    onSuccess: (result) => queryClient.setQueryData(CART_KEY, result.cart),
  });
}

/** The order's invoice PDF, saved as `fileName`. */
export function downloadInvoice(id: string, fileName: string): Promise<void> {
  return downloadFile(
    () =>
      unwrap(
        api.GET("/orders/{id}/invoice.pdf", {
          params: { path: { id } },
          headers: { Accept: "application/pdf" },
          parseAs: "blob",
        }),
      ),
    fileName,
  );
}
