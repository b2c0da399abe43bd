import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageTitle } from "@/components/PageTitle";
import { PayoutAccountCard } from "../components/PayoutAccountCard";
import { PayoutsTab } from "../components/PayoutsTab";
import { RefundsTab } from "../components/RefundsTab";
import { SettlementsTab } from "../components/SettlementsTab";
import { MONEY_TABS, type MoneyFilters, readMoneyFilters, writeMoneyFilters } from "../lib/money-filters";

const TAB = "inline-flex min-h-11 shrink-0 items-center border-b-4 px-4 font-semibold";

/** What the platform owes, has paid out and holds, and the refunds on this wholesaler's orders. */
export function MoneyRoute() {
  const { t } = useTranslation("consoleOrders");
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readMoneyFilters(params), [params]);
  const change = (next: MoneyFilters) => setParams(writeMoneyFilters(next), { replace: true });

  return (
    <div className="flex flex-col gap-4">
      <PageTitle lead={t("money.lead")}>{t("title.money")}</PageTitle>
      <PayoutAccountCard />
      <nav aria-label={t("money.tabsLabel")} className="-mx-4 overflow-x-auto border-b border-stone-200 px-4">
        <ul className="flex">
          {MONEY_TABS.map((tab) => {
            const active = filters.tab === tab;
            const query = writeMoneyFilters({ ...filters, tab }).toString();
            return (
              <li key={tab}>
                <Link
                  to={query ? `/console/money?${query}` : "/console/money"}
                  aria-current={active ? "page" : undefined}
                  className={`${TAB} ${active ? "border-brand-700 text-brand-800" : "border-transparent text-stone-800"}`}
                >
                  {t(`money.tabs.${tab}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {filters.tab === "settlements" ? <SettlementsTab filters={filters} onChange={change} /> : null}
      {filters.tab === "payouts" ? <PayoutsTab /> : null}
      {filters.tab === "refunds" ? <RefundsTab filters={filters} onChange={change} /> : null}
    </div>
  );
}
