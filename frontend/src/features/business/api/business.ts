import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { BusinessOut } from "@/lib/api-schemas";
import type { components } from "@/lib/api-types";
import { useSessionStore } from "@/lib/session-store";

export type UpdateBusiness = components["schemas"]["UpdateBusinessRequest"];

export const businessQuery = queryOptions({
  queryKey: ["business"],
  queryFn: ({ signal }) => unwrap(api.GET("/business", { signal })),
});

/** The session carries the business too (the header and the account page read it there). */
function keepInSession(business: BusinessOut) {
  useSessionStore.setState((state) => (state.session ? { session: { ...state.session, business } } : state));
}

export function useUpdateBusiness() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBusiness) => unwrap(api.PATCH("/business", { body })),
    onSuccess: (business) => {
      queryClient.setQueryData(businessQuery.queryKey, business);
      keepInSession(business);
    },
  });
}
