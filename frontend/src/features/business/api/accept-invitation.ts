import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { startSession } from "@/lib/auth-session";

export type AcceptInvitation = components["schemas"]["AcceptInvitationRequest"];

/** Accepting signs the new staff member in: the API answers a session. */
export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: AcceptInvitation) => unwrap(api.POST("/auth/accept-invitation", { body })),
    onSuccess: startSession,
  });
}
