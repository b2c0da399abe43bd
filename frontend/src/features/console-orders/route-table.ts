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
  {
    path: "orders/pick-list",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/PickListRoute"), loadConsoleOrdersTexts()]);
      return { Component: module.PickListRoute };
    },
  },
  {
    path: "orders/:orderId",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/OrderDetailRoute"), loadConsoleOrdersTexts()]);
      return { Component: module.OrderDetailRoute };
    },
  },
  {
    path: "money",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/MoneyRoute"), loadConsoleOrdersTexts()]);
      return { Component: module.MoneyRoute };
    },
  },
  {
    path: "business",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/BusinessSettingsRoute"), loadConsoleOrdersTexts()]);
      return { Component: module.BusinessSettingsRoute };
    },
  },
];
