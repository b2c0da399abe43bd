import { Outlet, ScrollRestoration } from "react-router";
import { NavigationProgress } from "./NavigationProgress";
import { OfflineBanner } from "./OfflineBanner";

export function RootLayout() {
  return (
    <>
      <NavigationProgress />
      <OfflineBanner />
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
