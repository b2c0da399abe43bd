import { create } from "zustand";
import type { BusinessOut, SignedIn, UserOut } from "./api-schemas";

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  user: UserOut;
  business: BusinessOut | null;
}

export type SessionEndReason = "signed_out" | "expired";

interface SessionState {
  session: Session | null;
  /** Why the last session ended, for the sign-in page; null once someone signs in. */
  endReason: SessionEndReason | null;
  signIn: (signedIn: SignedIn, now?: number) => void;
  updateUser: (user: UserOut) => void;
  end: (reason: SessionEndReason) => void;
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: null,
  endReason: null,
  signIn: (signedIn, now = Date.now()) =>
    set({
      session: {
        accessToken: signedIn.access_token,
        accessTokenExpiresAt: now + signedIn.expires_in * 1000,
        user: signedIn.user,
        business: signedIn.business,
      },
      endReason: null,
    }),
  updateUser: (user) => set((state) => (state.session ? { session: { ...state.session, user } } : state)),
  end: (reason) => set({ session: null, endReason: reason }),
}));
