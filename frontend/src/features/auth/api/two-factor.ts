import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { UserOut } from "@/lib/api-schemas";
import { useSessionStore } from "@/lib/session-store";

function markTwoFactor(enabled: boolean) {
  const session = useSessionStore.getState().session;
  if (!session) return;
  const user: UserOut = { ...session.user, two_factor_enabled: enabled };
  useSessionStore.getState().updateUser(user);
}

export function useBeginTwoFactorSetup() {
  return useMutation({ mutationFn: () => unwrap(api.POST("/me/2fa/setup")) });
}

/**
 * `onEnabled` runs with the recovery codes in the same update that marks two-step sign-in
 * on, so a page switching views on that flag still has the codes to show.
 */
export function useConfirmTwoFactor(onEnabled: (recoveryCodes: string[]) => void) {
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST("/me/2fa/confirm", { body: { code } })),
    onSuccess: ({ recovery_codes }) => {
      onEnabled(recovery_codes);
      markTwoFactor(true);
    },
  });
}

export function useDisableTwoFactor() {
  return useMutation({
    mutationFn: (body: { password: string; code: string }) => unwrap(api.DELETE("/me/2fa", { body })),
    onSuccess: () => markTwoFactor(false),
  });
}
