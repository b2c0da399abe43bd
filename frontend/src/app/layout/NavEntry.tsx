import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { NavIcon } from "./nav-icons";
import type { NavItem } from "./nav-items";

interface NavEntryProps {
  item: NavItem;
  layout: "bar" | "row";
}

const LAYOUTS = {
  bar: "flex min-h-14 flex-1 flex-col items-center justify-center gap-0.5 text-xs",
  row: "flex min-h-11 items-center gap-2 rounded-lg px-3 text-sm font-semibold",
};

export function NavEntry({ item, layout }: NavEntryProps) {
  const { t } = useTranslation();
  const label = t(item.labelKey);
  if (item.to === null) {
    return (
      <span className={`${LAYOUTS[layout]} text-stone-500`}>
        <NavIcon name={item.icon} />
        <span>
          {label}
          <span className="sr-only"> ({t("nav.soon")})</span>
        </span>
        {layout === "row" ? (
          <span aria-hidden="true" className="rounded bg-stone-100 px-1 text-[0.7rem] font-normal text-stone-600">
            {t("nav.soon")}
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <NavLink
      to={item.to}
      className={({ isActive }) =>
        `${LAYOUTS[layout]} ${isActive ? "text-brand-800" : "text-stone-700 hover:text-brand-800"} ${
          isActive && layout === "row" ? "bg-brand-50" : ""
        }`
      }
    >
      <NavIcon name={item.icon} />
      <span>{label}</span>
    </NavLink>
  );
}
