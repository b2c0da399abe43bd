import type { RouteObject } from "react-router";
import { loadAdminTexts } from "./texts";

/** Relative to the part's prefix; each page is its own lazy chunk and brings this part's texts. */
export const routes: RouteObject[] = [
  {
    path: "verification",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/VerificationQueueRoute"), loadAdminTexts()]);
      return { Component: module.VerificationQueueRoute };
    },
  },
];
