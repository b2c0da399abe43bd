import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { PAGE_SIZE, adminKeys } from "./keys";

export type Business = components["schemas"]["AdminBusinessOut"];
export type BusinessDetail = components["schemas"]["AdminBusinessDetail"];
export type BusinessVerification = components["schemas"]["BusinessVerificationOut"];
export type VerificationStatus = Business["verification_status"];
export type BusinessKind = Business["kind"];

export interface BusinessFilters {
  q: string | null;
  kind: BusinessKind | null;
  verification: VerificationStatus | null;
}

export function businessesQuery(filters: BusinessFilters) {
  return infiniteQueryOptions({
    queryKey: [...adminKeys.businesses, "list", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/admin/businesses", {
          params: {
            query: {
              q: filters.q ?? undefined,
              kind: filters.kind ?? undefined,
              verification: filters.verification ?? undefined,
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

export function businessQuery(id: string) {
  return queryOptions({
    queryKey: [...adminKeys.businesses, "detail", id],
    queryFn: ({ signal }) => unwrap(api.GET("/admin/businesses/{id}", { params: { path: { id } }, signal })),
    staleTime: 10_000,
  });
}

export function verificationQuery(id: string) {
  return queryOptions({
    queryKey: [...adminKeys.businesses, "verification", id],
    queryFn: ({ signal }) => unwrap(api.GET("/admin/businesses/{id}/verification", { params: { path: { id } }, signal })),
    // The document links expire after a few minutes.
    staleTime: 60_000,
  });
}

function useBusinessChange<Variables, Result>(send: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.businesses }),
        queryClient.invalidateQueries({ queryKey: adminKeys.users }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
      ]),
  });
}

export interface VerificationDecision {
  status: "verified" | "rejected";
  reason: string;
}

export function useDecideVerification(id: string) {
  return useBusinessChange((decision: VerificationDecision) =>
    unwrap(api.POST("/admin/businesses/{id}/verification", { params: { path: { id } }, body: decision })),
  );
}

export function useSuspendBusiness(id: string) {
  return useBusinessChange((reason: string) =>
    unwrap(api.POST("/admin/businesses/{id}/suspend", { params: { path: { id } }, body: { reason } })),
  );
}

export function useReactivateBusiness(id: string) {
  return useBusinessChange((reason: string) =>
    unwrap(api.POST("/admin/businesses/{id}/reactivate", { params: { path: { id } }, body: { reason } })),
  );
}
