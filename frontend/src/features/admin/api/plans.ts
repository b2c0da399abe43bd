import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { adminKeys } from "./keys";

export type Plan = components["schemas"]["PlanOut"];
export type PlanCreate = components["schemas"]["PlanCreate"];
export type PlanUpdate = components["schemas"]["PlanUpdate"];

export function plansQuery() {
  return queryOptions({
    queryKey: [...adminKeys.plans, "list"],
    queryFn: ({ signal }) => unwrap(api.GET("/admin/plans", { signal })),
    staleTime: 30_000,
  });
}

function usePlanChange<Variables, Result>(send: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.plans }),
        queryClient.invalidateQueries({ queryKey: ["plans"] }),
      ]),
  });
}

export function useCreatePlan() {
  return usePlanChange((body: PlanCreate) => unwrap(api.POST("/admin/plans", { body })));
}

export function useUpdatePlan(id: string) {
  return usePlanChange((body: PlanUpdate) => unwrap(api.PATCH("/admin/plans/{id}", { params: { path: { id } }, body })));
}

export function useRemovePlan(id: string) {
  return usePlanChange(() => unwrap(api.DELETE("/admin/plans/{id}", { params: { path: { id } } })));
}
