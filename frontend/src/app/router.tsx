import { createBrowserRouter } from "react-router";
import { routes as adminRoutes } from "@/features/admin/route-table";
import { routes as consoleCatalogRoutes } from "@/features/console-catalog/route-table";
import { routes as consoleOrdersRoutes } from "@/features/console-orders/route-table";
import { prefetchCart, prefetchOrder, prefetchOrders, prefetchProduct, prefetchSearch } from "./prefetch";
import { redirectHome, redirectSignedIn, requireAudience, requireSession } from "./session-guards";
import { AppShell } from "./layout/AppShell";
import { GuestLayout } from "./layout/GuestLayout";
import { RootLayout } from "./layout/RootLayout";
import { RouteError } from "./layout/RouteError";
import { StartingUp } from "./layout/StartingUp";

export type Router = ReturnType<typeof createRouter>;

export function createRouter() {
  return createBrowserRouter([
    {
      Component: RootLayout,
      ErrorBoundary: RouteError,
      HydrateFallback: StartingUp,
      children: [
        { index: true, loader: redirectHome },
        {
          Component: GuestLayout,
          children: [
            {
              path: "sign-in",
              loader: redirectSignedIn,
              lazy: async () => ({ Component: (await import("@/features/auth/routes/SignInRoute")).SignInRoute }),
            },
            {
              path: "sign-up",
              loader: redirectSignedIn,
              lazy: async () => ({ Component: (await import("@/features/auth/routes/SignUpRoute")).SignUpRoute }),
            },
            {
              path: "forgot-password",
              lazy: async () => ({
                Component: (await import("@/features/auth/routes/ForgotPasswordRoute")).ForgotPasswordRoute,
              }),
            },
            {
              path: "reset-password",
              lazy: async () => ({
                Component: (await import("@/features/auth/routes/ResetPasswordRoute")).ResetPasswordRoute,
              }),
            },
            {
              path: "verify-email",
              lazy: async () => ({
                Component: (await import("@/features/auth/routes/VerifyEmailRoute")).VerifyEmailRoute,
              }),
            },
            {
              path: "accept-invitation",
              lazy: async () => ({
                Component: (await import("@/features/business/routes/AcceptInvitationRoute")).AcceptInvitationRoute,
              }),
            },
          ],
        },
        {
          Component: AppShell,
          loader: requireSession,
          children: [
            {
              path: "welcome",
              lazy: async () => ({ Component: (await import("@/features/auth/routes/WelcomeRoute")).WelcomeRoute }),
            },
            {
              path: "catalog",
              loader: prefetchSearch,
              shouldRevalidate: () => false,
              lazy: async () => ({ Component: (await import("@/features/catalog/routes/SearchRoute")).SearchRoute }),
            },
            {
              path: "categories",
              lazy: async () => ({
                Component: (await import("@/features/catalog/routes/CategoriesRoute")).CategoriesRoute,
              }),
            },
            {
              path: "products/:productId",
              loader: prefetchProduct,
              lazy: async () => ({ Component: (await import("@/features/catalog/routes/ProductRoute")).ProductRoute }),
            },
            {
              path: "compare",
              lazy: async () => ({ Component: (await import("@/features/catalog/routes/CompareRoute")).CompareRoute }),
            },
            {
              path: "wholesalers/:wholesalerId",
              lazy: async () => ({
                Component: (await import("@/features/catalog/routes/WholesalerRoute")).WholesalerRoute,
              }),
            },
            {
              path: "cart",
              loader: prefetchCart,
              lazy: async () => ({ Component: (await import("@/features/cart/routes/CartRoute")).CartRoute }),
            },
            {
              path: "checkout",
              loader: prefetchCart,
              lazy: async () => ({ Component: (await import("@/features/checkout/routes/CheckoutRoute")).CheckoutRoute }),
            },
            {
              path: "payments/:paymentId",
              lazy: async () => ({ Component: (await import("@/features/checkout/routes/PaymentRoute")).PaymentRoute }),
            },
            {
              path: "orders",
              loader: prefetchOrders,
              lazy: async () => ({ Component: (await import("@/features/orders/routes/OrdersRoute")).OrdersRoute }),
            },
            {
              path: "orders/:orderId",
              loader: prefetchOrder,
              lazy: async () => ({ Component: (await import("@/features/orders/routes/OrderRoute")).OrderRoute }),
            },
            {
              path: "account",
              lazy: async () => ({ Component: (await import("@/features/auth/routes/AccountRoute")).AccountRoute }),
            },
            {
              path: "account/security",
              lazy: async () => ({ Component: (await import("@/features/auth/routes/SecurityRoute")).SecurityRoute }),
            },
            {
              path: "account/profile",
              lazy: async () => ({ Component: (await import("@/features/business/routes/ProfileRoute")).ProfileRoute }),
            },
            {
              path: "account/notifications",
              lazy: async () => ({
                Component: (await import("@/features/notifications/routes/NotificationPreferencesRoute"))
                  .NotificationPreferencesRoute,
              }),
            },
            {
              path: "notifications",
              lazy: async () => ({
                Component: (await import("@/features/notifications/routes/NotificationsRoute")).NotificationsRoute,
              }),
            },
            {
              path: "subscription",
              lazy: async () => ({
                Component: (await import("@/features/subscription/routes/SubscriptionRoute")).SubscriptionRoute,
              }),
            },
            {
              path: "subscription/plans",
              lazy: async () => ({ Component: (await import("@/features/subscription/routes/PlansRoute")).PlansRoute }),
            },
            {
              path: "business",
              lazy: async () => ({ Component: (await import("@/features/business/routes/BusinessRoute")).BusinessRoute }),
            },
            {
              path: "business/staff",
              lazy: async () => ({ Component: (await import("@/features/business/routes/StaffRoute")).StaffRoute }),
            },
            { path: "console", loader: requireAudience("wholesaler"), children: [...consoleOrdersRoutes, ...consoleCatalogRoutes] },
            { path: "admin", loader: requireAudience("platform"), children: adminRoutes },
          ],
        },
        {
          path: "*",
          lazy: async () => ({ Component: (await import("./layout/NotFound")).NotFound }),
        },
      ],
    },
  ]);
}
