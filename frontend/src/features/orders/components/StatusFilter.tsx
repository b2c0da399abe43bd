import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { OrderStatus } from "../api/types";
import { STATUS_FILTERS } from "../lib/timeline";

const CHIP = "inline-flex min-h-11 shrink-0 items-center whitespace-nowrap rounded-full border px-4 text-sm font-semibold";

/** Links, so a filter lives in the address: shareable, and Back undoes it. */
export function StatusFilter({ current }: { current: OrderStatus | null }) {
  const { t } = useTranslation();
  const chip = (status: OrderStatus | null) => {
    const active = status === current;
    return (
      <li key={status ?? "all"}>
        <Link
          to={status ? `/orders?status=${status}` : "/orders"}
          aria-current={active ? "page" : undefined}
          className={`${CHIP} ${active ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-900"}`}
        >
          {status ? t(`orders.status.${status}`) : t("orders.filter.all")}
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label={t("orders.filter.label")} className="-mx-4 overflow-x-auto px-4 pb-1">
      <ul className="flex gap-2">{[null, ...STATUS_FILTERS].map(chip)}</ul>
    </nav>
  );
}
