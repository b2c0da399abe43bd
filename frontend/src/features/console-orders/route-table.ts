import type { RouteObject } from "react-router";
import { loadConsoleOrdersTexts } from "./texts";

/** Relative to the part's prefix; each page is its own lazy chunk and brings this part's texts. */
export const routes: RouteObject[] = [
  {
    path: "orders",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/OrderQueueRoute"), loadConsoleOrdersTexts()]);
      return { Component: module.OrderQueueRoute };
    },
  },
];
