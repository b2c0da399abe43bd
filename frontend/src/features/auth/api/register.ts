import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { RegisterRequest } from "@/lib/api-schemas";
import { startSession } from "@/lib/auth-session";

export function register(body: RegisterRequest) {
  return unwrap(api.POST("/auth/register", { body }));
}

export function useRegister() {
  return useMutation({ mutationFn: register, onSuccess: startSession });
}
