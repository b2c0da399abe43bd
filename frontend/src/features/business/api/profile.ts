import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { useSessionStore } from "@/lib/session-store";

export type UpdateMe = components["schemas"]["UpdateMeRequest"];

export function useUpdateProfile() {
  return useMutation({
    mutationFn: (body: UpdateMe) => unwrap(api.PATCH("/me", { body })),
    onSuccess: (user) => useSessionStore.getState().updateUser(user),
  });
}
