import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";

export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST("/auth/password/forgot", { body: { email } })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => unwrap(api.POST("/auth/password/reset", { body })),
  });
}
