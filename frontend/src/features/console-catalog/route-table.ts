import type { RouteObject } from "react-router";
import { loadConsoleCatalogTexts } from "./texts";

/** Relative to the part's prefix; each page is its own lazy chunk and brings this part's texts. */
export const routes: RouteObject[] = [
  {
    path: "products",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/ProductsRoute"), loadConsoleCatalogTexts()]);
      return { Component: module.ProductsRoute };
    },
  },
  {
    path: "products/new",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/ProductNewRoute"), loadConsoleCatalogTexts()]);
      return { Component: module.ProductNewRoute };
    },
  },
  {
    path: "products/import",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/ImportRoute"), loadConsoleCatalogTexts()]);
      return { Component: module.ImportRoute };
    },
  },
  {
    path: "products/:productId",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/ProductRoute"), loadConsoleCatalogTexts()]);
      return { Component: module.ProductRoute };
    },
  },
  {
    path: "stock",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/StockRoute"), loadConsoleCatalogTexts()]);
      return { Component: module.StockRoute };
    },
  },
  {
    path: "stock/:productId",
    lazy: async () => {
      const [module] = await Promise.all([import("./routes/StockProductRoute"), loadConsoleCatalogTexts()]);
      return { Component: module.StockProductRoute };
    },
  },
];
