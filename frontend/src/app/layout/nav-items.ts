import type { NavIconName } from "./nav-icons";

export interface NavItem {
  icon: NavIconName;
  labelKey: "nav.search" | "nav.categories" | "nav.cart" | "nav.orders" | "nav.account";
  /** Null for journeys still to come: shown, marked "soon", never a broken link. */
  to: string | null;
}

/** The journeys, in the header on a desktop and in the bottom bar on a phone. */
export const NAV_ITEMS: NavItem[] = [
  { icon: "search", labelKey: "nav.search", to: "/catalog" },
  { icon: "categories", labelKey: "nav.categories", to: "/categories" },
  { icon: "cart", labelKey: "nav.cart", to: "/cart" },
  { icon: "orders", labelKey: "nav.orders", to: "/orders" },
];

export const ACCOUNT_ITEM: NavItem = { icon: "account", labelKey: "nav.account", to: "/account" };
