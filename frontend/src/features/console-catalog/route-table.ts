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
];
