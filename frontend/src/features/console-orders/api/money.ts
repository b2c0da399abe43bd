import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { MoneyFilters } from "../lib/money-filters";
import type { PayoutAccountBody } from "./types";

const PAGE_SIZE = 20;

export function settlementsQuery(filters: MoneyFilters) {
  return infiniteQueryOptions({
    queryKey: ["settlements", "list", filters.settlementStatus, filters.from, filters.to],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/settlements", {
          params: {
            query: {
              status: filters.settlementStatus ?? undefined,
              date_from: filters.from ?? undefined,
              date_to: filters.to ?? undefined,
              cursor: pageParam,
              limit: PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 30_000,
  });
}

export const payoutsQuery = infiniteQueryOptions({
  queryKey: ["settlements", "payouts"],
  queryFn: ({ pageParam, signal }) =>
    unwrap(api.GET("/payouts", { params: { query: { cursor: pageParam, limit: PAGE_SIZE } }, signal })),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page) => page.next_cursor ?? undefined,
  staleTime: 30_000,
});

export function refundsQuery(filters: MoneyFilters) {
  return infiniteQueryOptions({
    queryKey: ["settlements", "refunds", filters.refundStatus],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/refunds", {
          params: { query: { status: filters.refundStatus ?? undefined, cursor: pageParam, limit: PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 30_000,
  });
}

export const payoutAccountQuery = queryOptions({
  queryKey: ["settlements", "payout-account"],
  queryFn: ({ signal }) => unwrap(api.GET("/settlements/payout-account", { signal })),
});

export function useSavePayoutAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PayoutAccountBody) => unwrap(api.PUT("/settlements/payout-account", { body })),
    onSuccess: (saved) => queryClient.setQueryData(payoutAccountQuery.queryKey, saved),
  });
}
