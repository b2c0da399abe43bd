import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { NO_FILTERS, type QueueFilters, writeFilters } from "../lib/queue-filters";

const CHIP = "inline-flex min-h-11 shrink-0 items-center whitespace-nowrap rounded-full border px-4 text-sm font-semibold";

type Quick = "all" | "new" | "toDispatch" | "onTheWay" | "toCollect";

const QUICK: Record<Quick, QueueFilters> = {
  all: NO_FILTERS,
  new: { ...NO_FILTERS, statuses: ["placed"] },
  toDispatch: { ...NO_FILTERS, statuses: ["accepted", "packed"] },
  onTheWay: { ...NO_FILTERS, statuses: ["dispatched"] },
  toCollect: { ...NO_FILTERS, paymentStatus: "to_collect" },
};

function href(filters: QueueFilters): string {
  const query = writeFilters(filters).toString();
  return query ? `/console/orders?${query}` : "/console/orders";
}

/** The day's usual views, one tap each, keeping the search; links, so Back undoes them. */
export function QuickFilters({ current }: { current: QueueFilters }) {
  const { t } = useTranslation("consoleOrders");
  const currentHref = href({ ...current, sort: "newest" });
  return (
    <nav aria-label={t("queue.quick.label")} className="-mx-4 overflow-x-auto px-4 pb-1">
      <ul className="flex gap-2">
        {(Object.keys(QUICK) as Quick[]).map((key) => {
          const to = href({ ...QUICK[key], q: current.q });
          const active = to === currentHref;
          return (
            <li key={key}>
              <Link
                to={to}
                aria-current={active ? "page" : undefined}
                className={`${CHIP} ${active ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-900"}`}
              >
                {t(`queue.quick.${key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
