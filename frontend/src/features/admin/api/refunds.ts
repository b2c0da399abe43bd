import { infiniteQueryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { PAGE_SIZE, adminKeys } from "./keys";

export type AdminRefund = components["schemas"]["AdminRefundItem"];
export type RefundStatus = AdminRefund["status"];
export type RefundCause = AdminRefund["cause"];

export interface RefundFilters {
  status: RefundStatus | null;
  cause: RefundCause | null;
}

export function refundsQuery(filters: RefundFilters) {
  return infiniteQueryOptions({
    queryKey: [...adminKeys.refunds, "list", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/admin/refunds", {
          params: {
            query: {
              status: filters.status ?? undefined,
              cause: filters.cause ?? undefined,
              cursor: pageParam,
              limit: PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 10_000,
  });
}

/** What staff record about a refund: sent or completed carry the provider's reference, failed a reason. */
export type RefundMark = { step: "sent" | "complete"; reference: string } | { step: "failed"; reason: string };

export function useMarkRefund(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mark: RefundMark) => {
      const params = { path: { id } };
      if (mark.step === "failed") {
        return unwrap(api.POST("/admin/refunds/{id}/failed", { params, body: { reason: mark.reason } }));
      }
      const path = mark.step === "sent" ? "/admin/refunds/{id}/sent" : "/admin/refunds/{id}/complete";
      return unwrap(api.POST(path, { params, body: { reference: mark.reference } }));
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.refunds }),
        queryClient.invalidateQueries({ queryKey: adminKeys.payments }),
      ]),
  });
}
