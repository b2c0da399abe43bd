import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";

export type InviteStaff = components["schemas"]["InviteStaffRequest"];

export const staffQuery = queryOptions({
  queryKey: ["business", "users"],
  queryFn: ({ signal }) => unwrap(api.GET("/business/users", { signal })),
});

/** Staff seats count against the plan, so the subscription's usage is read again too. */
function useStaffMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: staffQuery.queryKey }),
        queryClient.invalidateQueries({ queryKey: ["subscription", "usage"] }),
      ]);
    },
  });
}

export function useInviteStaff() {
  return useStaffMutation((body: InviteStaff) => unwrap(api.POST("/business/users", { body })));
}

export function useDeactivateStaff() {
  return useStaffMutation((id: string) =>
    unwrap(api.DELETE("/business/users/{id}", { params: { path: { id } } })),
  );
}
