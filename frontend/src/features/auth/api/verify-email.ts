import { queryOptions, useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { useSessionStore } from "@/lib/session-store";

/**
 * The link's token works once, so confirming it is a query keyed by the token: however
 * often the page renders (or React mounts it twice), it is sent once per visit.
 */
export function verifyEmailQuery(token: string) {
  return queryOptions({
    queryKey: ["auth", "verify-email", token],
    queryFn: async () => {
      const user = await unwrap(api.POST("/auth/verify-email", { body: { token } }));
      const session = useSessionStore.getState().session;
      if (session?.user.id === user.id) useSessionStore.getState().updateUser(user);
      return user;
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
}

export function useResendVerification() {
  return useMutation({ mutationFn: () => unwrap(api.POST("/auth/verify-email/resend")) });
}
