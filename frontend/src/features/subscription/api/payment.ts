import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { isSettled } from "../lib/payment-phase";

export type Payment = components["schemas"]["PaymentOut"];

/** Every 3 s while the phone asks for approval; gentler once the wait gets long. */
export const PAYMENT_POLL_MS = 3_000;
export const SLOW_PAYMENT_POLL_MS = 10_000;
export const SLOW_AFTER_MS = 2 * 60_000;

export function paymentQuery(paymentId: string, startedAt: number) {
  return queryOptions({
    queryKey: ["payments", paymentId],
    queryFn: ({ signal }) => unwrap(api.GET("/payments/{id}", { params: { path: { id: paymentId } }, signal })),
    staleTime: 0,
    refetchInterval: (query) => {
      if (query.state.data && isSettled(query.state.data)) return false;
      return Date.now() - startedAt > SLOW_AFTER_MS ? SLOW_PAYMENT_POLL_MS : PAYMENT_POLL_MS;
    },
  });
}
