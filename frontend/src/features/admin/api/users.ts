import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { PAGE_SIZE, adminKeys } from "./keys";

export type AdminUser = components["schemas"]["AdminUserOut"];
export type UserRole = AdminUser["role"];
export type UserStatus = AdminUser["status"];

export interface UserFilters {
  q: string | null;
  role: UserRole | null;
  status: UserStatus | null;
}

export function usersQuery(filters: UserFilters) {
  return infiniteQueryOptions({
    queryKey: [...adminKeys.users, "list", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/admin/users", {
          params: {
            query: {
              q: filters.q ?? undefined,
              role: filters.role ?? undefined,
              status: filters.status ?? undefined,
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

export function userQuery(id: string) {
  return queryOptions({
    queryKey: [...adminKeys.users, "detail", id],
    queryFn: ({ signal }) => unwrap(api.GET("/admin/users/{id}", { params: { path: { id } }, signal })),
    staleTime: 10_000,
  });
}

export type UserAction = "suspend" | "reactivate" | "reset-2fa";

const USER_ACTION_PATHS = {
  suspend: "/admin/users/{id}/suspend",
  reactivate: "/admin/users/{id}/reactivate",
  "reset-2fa": "/admin/users/{id}/reset-2fa",
} as const;

export function useUserAction(id: string, action: UserAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST(USER_ACTION_PATHS[action], { params: { path: { id } }, body: { reason } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.users }),
        queryClient.invalidateQueries({ queryKey: adminKeys.businesses }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
      ]),
  });
}
