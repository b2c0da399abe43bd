import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";

export type NotificationPreferences = components["schemas"]["NotificationPreferences"];
export type CategoryPreferences = components["schemas"]["CategoryPreferences"];
export type PreferenceChange = components["schemas"]["PreferenceChange"];

export const preferencesQuery = queryOptions({
  queryKey: ["me", "notification-preferences"],
  queryFn: ({ signal }) => unwrap(api.GET("/me/notification-preferences", { signal })),
});

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: PreferenceChange[]) =>
      unwrap(api.PUT("/me/notification-preferences", { body: { preferences } })),
    onSuccess: (saved) => queryClient.setQueryData(preferencesQuery.queryKey, saved),
  });
}
