import { QueryClient } from "@tanstack/react-query";
import { createMemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { endSession, startSession } from "@/lib/auth-session";
import { signedIn } from "@/test/fake-api";
import { followSessionEnds } from "./session-navigation";

function setup(at: string) {
  const router = createMemoryRouter([{ path: "*", element: null }], { initialEntries: [at] });
  const queryClient = new QueryClient();
  queryClient.setQueryData(["catalog", "product", "p-1"], { name: "Coca-Cola 500ml PET" });
  const stop = followSessionEnds(router, queryClient);
  startSession(signedIn("access-1", "refresh-1"));
  return { router, queryClient, stop };
}

describe("when a session ends", () => {
  it("after an expiry, goes to sign-in with the way back, and forgets the cached data", async () => {
    const { router, queryClient, stop } = setup("/compare?gtin=5449000000996&quantity=3");
    endSession("expired");
    await expect.poll(() => router.state.location.pathname + router.state.location.search).toBe(
      "/sign-in?next=%2Fcompare%3Fgtin%3D5449000000996%26quantity%3D3",
    );
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
    stop();
  });

  it("after signing out, goes to sign-in without a way back", async () => {
    const { router, stop } = setup("/account/security");
    endSession("signed_out");
    await expect.poll(() => router.state.location.pathname + router.state.location.search).toBe("/sign-in");
    stop();
  });

  it("stays on a page anyone may see, such as the e-mailed verification link", () => {
    const { router, stop } = setup("/verify-email?token=abc");
    endSession("expired");
    expect(router.state.location.pathname).toBe("/verify-email");
    stop();
  });
});
