import { infiniteQueryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { downloadFile } from "@/lib/download";
import { PAGE_SIZE, adminKeys } from "./keys";

export type AdminSettlement = components["schemas"]["AdminSettlementItem"];
export type SettlementStatus = AdminSettlement["status"];
export type BulkPayoutResult = components["schemas"]["BulkPayoutResult"];

export interface SettlementFilters {
  status: SettlementStatus | null;
  wholesaler_id: string | null;
}

export function settlementsQuery(filters: SettlementFilters) {
  return infiniteQueryOptions({
    queryKey: [...adminKeys.settlements, "list", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/admin/settlements", {
          params: {
            query: {
              status: filters.status ?? undefined,
              wholesaler_id: filters.wholesaler_id ?? undefined,
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

export function useMarkSettlementsPaid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { settlement_ids: string[]; reference: string }) =>
      unwrap(api.POST("/admin/settlements/payouts", { body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.settlements }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
      ]),
  });
}

/** The due settlements as the CSV the bank or M-Pesa B2C batch upload takes. */
export function downloadPayoutBatch(fileName: string, wholesalerId: string | null): Promise<void> {
  return downloadFile(async () => {
    const text = await unwrap(
      api.GET("/admin/settlements/export.csv", {
        params: { query: { status: "due", wholesaler_id: wholesalerId ?? undefined } },
        headers: { Accept: "text/csv" },
        parseAs: "text",
      }),
    );
    return new Blob([text], { type: "text/csv" });
  }, fileName);
}
