import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components, operations } from "@/lib/api-types";
import { PAGE_SIZE, adminKeys } from "./keys";

export type AdminPayment = components["schemas"]["AdminPaymentItem"];
export type PaymentStatus = AdminPayment["status"];
export type PaymentPurpose = AdminPayment["purpose"];
type PaymentQuery = NonNullable<operations["get_admin_payments"]["parameters"]["query"]>;
export type PaymentProvider = NonNullable<PaymentQuery["provider"]>;
export type ReviewResolution = components["schemas"]["ReviewResolution"];
export type RefundRequest = components["schemas"]["RefundRequest"];

export interface PaymentFilters {
  q: string | null;
  status: PaymentStatus | null;
  provider: PaymentProvider | null;
  purpose: PaymentPurpose | null;
  date_from: string | null;
  date_to: string | null;
}

export function paymentsQuery(filters: PaymentFilters) {
  return infiniteQueryOptions({
    queryKey: [...adminKeys.payments, "list", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/admin/payments", {
          params: {
            query: {
              q: filters.q ?? undefined,
              status: filters.status ?? undefined,
              provider: filters.provider ?? undefined,
              purpose: filters.purpose ?? undefined,
              date_from: filters.date_from ?? undefined,
              date_to: filters.date_to ?? undefined,
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

function usePaymentChange<Variables, Result>(send: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.payments }),
        queryClient.invalidateQueries({ queryKey: adminKeys.refunds }),
        queryClient.invalidateQueries({ queryKey: adminKeys.settlements }),
      ]),
  });
}

export function useResolvePayment(id: string) {
  return usePaymentChange((body: ReviewResolution) =>
    unwrap(api.POST("/admin/payments/{id}/resolve", { params: { path: { id } }, body })),
  );
}

export function useRefundPayment(id: string) {
  return usePaymentChange((body: RefundRequest) =>
    unwrap(api.POST("/admin/payments/{id}/refund", { params: { path: { id } }, body })),
  );
}

export function reconciliationQuery(date: string) {
  return queryOptions({
    queryKey: [...adminKeys.reconciliation, date],
    queryFn: ({ signal }) => unwrap(api.GET("/admin/reconciliation", { params: { query: { date } }, signal })),
    staleTime: 30_000,
  });
}

export type AdminPaymentDetail = components["schemas"]["AdminPaymentDetail"];

/** One payment with its provider requests and messages, staff actions, orders, refunds and settlements. */
export function paymentQuery(id: string) {
  return queryOptions({
    queryKey: [...adminKeys.payments, "detail", id],
    queryFn: ({ signal }) => unwrap(api.GET("/admin/payments/{id}", { params: { path: { id } }, signal })),
    staleTime: 10_000,
  });
}
