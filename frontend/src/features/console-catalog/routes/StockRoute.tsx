import { useTranslation } from "react-i18next";
import { PageTitle } from "@/components/PageTitle";
import { CatalogTabs } from "../components/CatalogTabs";
import { LowStockList } from "../components/LowStockList";
import { ReorderList } from "../components/ReorderList";
import { StockFinder } from "../components/StockFinder";

export function StockRoute() {
  const { t } = useTranslation("consoleCatalog");
  return (
    <div className="flex flex-col gap-4">
      <PageTitle lead={t("stock.lead")}>{t("title.stock")}</PageTitle>
      <CatalogTabs />
      <StockFinder />
      <section aria-labelledby="low-stock-title" className="flex flex-col gap-3">
        <h2 id="low-stock-title" className="text-xl font-semibold">
          {t("stock.lowTitle")}
        </h2>
        <LowStockList />
      </section>
      <section aria-labelledby="reorder-title" className="flex flex-col gap-3">
        <h2 id="reorder-title" className="text-xl font-semibold">
          {t("reorder.title")}
        </h2>
        <p className="text-stone-700">{t("reorder.lead")}</p>
        <ReorderList />
      </section>
    </div>
  );
}
