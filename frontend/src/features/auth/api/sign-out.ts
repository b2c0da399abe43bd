import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { ApiError } from "@/lib/api-error";
import { endSession } from "@/lib/auth-session";

/** The session ends on this device whatever the API answers: signing out must always work. */
export async function signOut(): Promise<void> {
  try {
    await unwrap(api.POST("/auth/logout"));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  } finally {
    endSession("signed_out");
  }
}

/**
 * The API has no single "end every session" route: each other session is ended through
 * DELETE /me/sessions/{id}, then this one signs out.
 */
export async function signOutEverywhere(): Promise<void> {
  const { items } = await unwrap(api.GET("/me/sessions"));
  await Promise.all(
    items
      .filter((session) => !session.current)
      .map((session) => unwrap(api.DELETE("/me/sessions/{id}", { params: { path: { id: session.id } } }))),
  );
  await signOut();
}

export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}

export function useSignOutEverywhere() {
  return useMutation({ mutationFn: signOutEverywhere });
}
