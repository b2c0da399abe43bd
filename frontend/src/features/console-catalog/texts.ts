import { loadNamespace } from "@/lib/i18n";

export const NAMESPACE = "consoleCatalog";

/** This part's texts, fetched with its routes (see `loadNamespace`). */
export function loadConsoleCatalogTexts(): Promise<void> {
  return loadNamespace(NAMESPACE, {
    en: () => import("./locales/en.json"),
    sw: () => import("./locales/sw.json"),
  });
}
