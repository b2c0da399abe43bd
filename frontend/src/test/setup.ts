import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeAll } from "vitest";
import { setupI18n } from "@/lib/i18n";
import { refreshTokenStorage } from "@/lib/refresh-token-storage";
import { useSessionStore } from "@/lib/session-store";

beforeAll(async () => {
  await setupI18n("en");
});

afterEach(() => {
  cleanup();
  refreshTokenStorage.clear();
  window.localStorage.clear();
  useSessionStore.setState({ session: null, endReason: null });
});
