import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

const TAB =
  "inline-flex min-h-11 shrink-0 items-center whitespace-nowrap border-b-2 px-3 text-base font-semibold";

/** The product pages' sub-areas: the list and the CSV import. */
export function CatalogTabs() {
  const { t } = useTranslation("consoleCatalog");
  const tab = (to: string, label: string) => (
    <li>
      <NavLink
        to={to}
        end
        className={({ isActive }) =>
          `${TAB} ${isActive ? "border-brand-700 text-brand-900" : "border-transparent text-stone-700 hover:text-stone-900"}`
        }
      >
        {label}
      </NavLink>
    </li>
  );
  return (
    <nav aria-label={t("tabs.label")} className="-mx-4 mb-4 overflow-x-auto border-b border-stone-200 px-4">
      <ul className="flex gap-2">
        {tab("/console/products", t("tabs.products"))}
        {tab("/console/products/import", t("tabs.import"))}
        {tab("/console/stock", t("tabs.stock"))}
      </ul>
    </nav>
  );
}
