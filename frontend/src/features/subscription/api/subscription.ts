import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { ApiError } from "@/lib/api-error";
import type { components } from "@/lib/api-types";
import type { Provider } from "@/lib/payments/types";

type Schemas = components["schemas"];
export type Plan = Schemas["PlanOut"];
export type Interval = Schemas["StartSubscription"]["interval"];
export type Subscription = Schemas["SubscriptionOut"];
export type SubscriptionResult = Schemas["SubscriptionResult"];
export type Usage = Schemas["UsageOut"];
export type LimitUsage = Schemas["LimitUsage"];
export type Invoice = Schemas["InvoiceOut"];
export type StartSubscription = Schemas["StartSubscription"];
export type PaymentStarted = Schemas["PaymentStarted"];
export type ChangePreview = Schemas["ChangePreview"];

export const INVOICE_PAGE_SIZE = 10;

export function plansQuery(audience: Plan["audience"]) {
  return queryOptions({
    queryKey: ["plans", audience],
    queryFn: ({ signal }) => unwrap(api.GET("/plans", { params: { query: { audience } }, signal })),
    staleTime: 10 * 60_000,
  });
}

/** The business's subscription; null when it has none yet (the API answers 404). */
export const subscriptionQuery = queryOptions({
  queryKey: ["subscription"],
  queryFn: async ({ signal }): Promise<Subscription | null> => {
    try {
      return await unwrap(api.GET("/subscription", { signal }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
});

export const usageQuery = queryOptions({
  queryKey: ["subscription", "usage"],
  queryFn: ({ signal }) => unwrap(api.GET("/subscription/usage", { signal })),
});

export const invoicesQuery = infiniteQueryOptions({
  queryKey: ["subscription", "invoices"],
  queryFn: ({ pageParam, signal }) =>
    unwrap(
      api.GET("/subscription/invoices", {
        params: { query: { cursor: pageParam, limit: INVOICE_PAGE_SIZE } },
        signal,
      }),
    ),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page) => page.next_cursor ?? undefined,
});

/**
 * What changing to `planCode` on `interval` would do now, as the API works it out (its refusals are the change's).
 * Kept apart from the "subscription" keys so a change's refresh does not ask for a preview of the plan just taken.
 */
export function changePreviewQuery(planCode: string, interval: Interval) {
  return queryOptions({
    queryKey: ["change-preview", planCode, interval],
    queryFn: ({ signal }) =>
      unwrap(api.POST("/subscription/change/preview", { body: { plan_code: planCode, interval }, signal })),
    retry: false,
    staleTime: 0,
  });
}

/** Every change answers the subscription as it now is: the cache takes it, the rest is read again. */
function useSubscriptionMutation<Variables, Result extends { subscription: Subscription } | PaymentStarted>(
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      if ("subscription" in result) queryClient.setQueryData(subscriptionQuery.queryKey, result.subscription);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["subscription"] }),
  });
}

export function useStartSubscription() {
  return useSubscriptionMutation((body: StartSubscription) => unwrap(api.POST("/subscription", { body })));
}

export function useChangeSubscription() {
  return useSubscriptionMutation((body: { plan_code: string; interval: Interval }) =>
    unwrap(api.POST("/subscription/change", { body })),
  );
}

export function useCancelSubscription() {
  return useSubscriptionMutation(() => unwrap(api.POST("/subscription/cancel")));
}

export function useResumeSubscription() {
  return useSubscriptionMutation(() => unwrap(api.POST("/subscription/resume")));
}

export function usePayInvoice() {
  return useSubscriptionMutation(
    ({ invoiceId, provider, payerPhone }: { invoiceId: string; provider: Provider; payerPhone: string }) =>
      unwrap(
        api.POST("/subscription/invoices/{id}/pay", {
          params: { path: { id: invoiceId } },
          body: { provider, payer_phone: payerPhone },
        }),
      ),
  );
}

/** Ends a running trial and asks for the first period's payment now; the trial ends when it is paid. */
export function useEndTrial() {
  return useSubscriptionMutation(({ provider, payerPhone }: { provider: Provider; payerPhone: string }) =>
    unwrap(api.POST("/subscription/end-trial", { body: { provider, payer_phone: payerPhone } })),
  );
}
