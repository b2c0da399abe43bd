import type { ComponentType } from "react";
import type { RouteObject } from "react-router";
import { loadAdminTexts } from "./texts";

/** A page of the admin panel: its own lazy chunk, which also brings this part's texts. */
function page<Name extends string>(path: string, load: () => Promise<Record<Name, ComponentType>>, name: Name): RouteObject {
  return {
    path,
    lazy: async () => {
      const [module] = await Promise.all([load(), loadAdminTexts()]);
      return { Component: module[name] };
    },
  };
}

/** Relative to the part's prefix (`/admin`). */
export const routes: RouteObject[] = [
  page("verification", () => import("./routes/VerificationQueueRoute"), "VerificationQueueRoute"),
  page("verification/:businessId", () => import("./routes/VerificationReviewRoute"), "VerificationReviewRoute"),
  page("businesses", () => import("./routes/BusinessesRoute"), "BusinessesRoute"),
  page("businesses/:businessId", () => import("./routes/BusinessRoute"), "BusinessRoute"),
  page("users", () => import("./routes/UsersRoute"), "UsersRoute"),
  page("users/:userId", () => import("./routes/UserRoute"), "UserRoute"),
  page("plans", () => import("./routes/PlansRoute"), "PlansRoute"),
  page("categories", () => import("./routes/CategoriesRoute"), "CategoriesRoute"),
  page("payments", () => import("./routes/PaymentsRoute"), "PaymentsRoute"),
  page("payments/:paymentId", () => import("./routes/PaymentRoute"), "PaymentRoute"),
  page("refunds", () => import("./routes/RefundsRoute"), "RefundsRoute"),
  page("settlements", () => import("./routes/SettlementsRoute"), "SettlementsRoute"),
  page("reconciliation", () => import("./routes/ReconciliationRoute"), "ReconciliationRoute"),
  page("audit", () => import("./routes/AuditRoute"), "AuditRoute"),
];
