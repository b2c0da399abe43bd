import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { Payment } from "./types";

export function paymentQuery(id: string) {
  return queryOptions({
    queryKey: ["payments", id],
    queryFn: ({ signal }) => unwrap(api.GET("/payments/{id}", { params: { path: { id } }, signal })),
    staleTime: 0,
  });
}

export function useRetryPayment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payerPhone: string | null) =>
      unwrap(api.POST("/payments/{id}/retry", { params: { path: { id } }, body: { payer_phone: payerPhone } })),
    onSuccess: (payment: Payment) => queryClient.setQueryData(paymentQuery(id).queryKey, payment),
  });
}
