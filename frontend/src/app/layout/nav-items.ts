import type { Audience } from "@/lib/audience";
import type { NavIconName } from "./nav-icons";

export interface NavItem {
  icon: NavIconName;
  labelKey:
    | "nav.search"
    | "nav.categories"
    | "nav.cart"
    | "nav.orders"
    | "nav.account"
    | "nav.products"
    | "nav.stock"
    | "nav.money"
    | "nav.verification"
    | "nav.directory"
    | "nav.payments"
    | "nav.setup"
    | "nav.audit";
  /** Null for journeys still to come: shown, marked "soon", never a broken link. */
  to: string | null;
}

/** Each audience's journeys, in the header on a desktop and in the bottom bar on a phone. */
export const NAV_ITEMS: Record<Audience, NavItem[]> = {
  retailer: [
    { icon: "search", labelKey: "nav.search", to: "/catalog" },
    { icon: "categories", labelKey: "nav.categories", to: "/categories" },
    { icon: "cart", labelKey: "nav.cart", to: "/cart" },
    { icon: "orders", labelKey: "nav.orders", to: "/orders" },
  ],
  wholesaler: [
    { icon: "orders", labelKey: "nav.orders", to: "/console/orders" },
    { icon: "products", labelKey: "nav.products", to: "/console/products" },
    { icon: "stock", labelKey: "nav.stock", to: "/console/stock" },
    { icon: "money", labelKey: "nav.money", to: "/console/money" },
  ],
  platform: [
    { icon: "verification", labelKey: "nav.verification", to: "/admin/verification" },
    { icon: "directory", labelKey: "nav.directory", to: "/admin/businesses" },
    { icon: "money", labelKey: "nav.payments", to: "/admin/payments" },
    { icon: "setup", labelKey: "nav.setup", to: "/admin/plans" },
    { icon: "audit", labelKey: "nav.audit", to: "/admin/audit" },
  ],
};

export const ACCOUNT_ITEM: NavItem = { icon: "account", labelKey: "nav.account", to: "/account" };
