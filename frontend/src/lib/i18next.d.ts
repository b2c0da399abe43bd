import "i18next";
import type admin from "@/features/admin/locales/en.json";
import type consoleCatalog from "@/features/console-catalog/locales/en.json";
import type consoleOrders from "@/features/console-orders/locales/en.json";
import type en from "@/locales/en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en; consoleCatalog: typeof consoleCatalog; consoleOrders: typeof consoleOrders; admin: typeof admin };
  }
}
