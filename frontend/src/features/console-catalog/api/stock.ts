import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { INVENTORY_KEY } from "./products";
import type { StockChange } from "./types";

export const STOCK_PAGE_SIZE = 25;

export const lowStockQuery = infiniteQueryOptions({
  queryKey: [...INVENTORY_KEY, "low-stock"],
  queryFn: ({ pageParam, signal }) =>
    unwrap(api.GET("/inventory/low-stock", { params: { query: { cursor: pageParam, limit: STOCK_PAGE_SIZE } }, signal })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page) => page.next_cursor ?? undefined,
  staleTime: 10_000,
});

export const reorderQuery = queryOptions({
  queryKey: [...INVENTORY_KEY, "reorder-suggestions"],
  queryFn: ({ signal }) => unwrap(api.GET("/inventory/reorder-suggestions", { params: { query: { limit: 100 } }, signal })),
  staleTime: 30_000,
});

export function movementsQuery(productId: string) {
  return infiniteQueryOptions({
    queryKey: [...INVENTORY_KEY, "movements", productId],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/inventory/products/{id}/movements", {
          params: { path: { id: productId }, query: { cursor: pageParam, limit: STOCK_PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 10_000,
  });
}

export function useChangeStock(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StockChange) =>
      unwrap(api.POST("/inventory/products/{id}/stock", { params: { path: { id: productId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INVENTORY_KEY }),
  });
}
