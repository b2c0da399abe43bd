import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

export type Section = "directory" | "money" | "setup";

const TABS = {
  directory: [
    { to: "/admin/businesses", key: "businesses" },
    { to: "/admin/users", key: "users" },
  ],
  money: [
    { to: "/admin/payments", key: "payments" },
    { to: "/admin/refunds", key: "refunds" },
    { to: "/admin/settlements", key: "settlements" },
    { to: "/admin/reconciliation", key: "reconciliation" },
  ],
  setup: [
    { to: "/admin/plans", key: "plans" },
    { to: "/admin/categories", key: "categories" },
  ],
} as const;

const TAB = "inline-flex min-h-11 shrink-0 items-center whitespace-nowrap rounded-full border px-4 text-sm font-semibold";

/** The sub-areas of one navigation entry (people next to businesses, refunds next to payments...). */
export function SectionTabs({ section }: { section: Section }) {
  const { t } = useTranslation("admin");
  return (
    <nav aria-label={t(`sections.${section}`)} className="-mx-4 mb-4 overflow-x-auto px-4 pb-1">
      <ul className="flex gap-2">
        {TABS[section].map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end
              className={({ isActive }) =>
                `${TAB} ${isActive ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-900 hover:border-brand-700"}`
              }
            >
              {t(`tabs.${tab.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
