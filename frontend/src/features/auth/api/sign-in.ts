import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { LoginRequest } from "@/lib/api-schemas";
import { startSession } from "@/lib/auth-session";

export function signIn(body: LoginRequest) {
  return unwrap(api.POST("/auth/login", { body }));
}

export function useSignIn() {
  return useMutation({ mutationFn: signIn, onSuccess: startSession });
}
