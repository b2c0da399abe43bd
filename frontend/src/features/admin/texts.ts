import { loadNamespace } from "@/lib/i18n";

export const NAMESPACE = "admin";

/** This part's texts, fetched with its routes (see `loadNamespace`). */
export function loadAdminTexts(): Promise<void> {
  return loadNamespace(NAMESPACE, {
    en: () => import("./locales/en.json"),
    sw: () => import("./locales/sw.json"),
  });
}
