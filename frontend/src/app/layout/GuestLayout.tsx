import { Outlet } from "react-router";
import { LanguageSelect } from "@/components/LanguageSelect";
import { Brand } from "./Brand";

export function GuestLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2">
          <Brand to="/sign-in" />
          <LanguageSelect compact />
        </div>
      </header>
      <main id="main" className="flex-1 px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
