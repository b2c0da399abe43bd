import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { reorderQuery } from "../api/stock";
import { ListSkeleton } from "./ListSkeleton";
import { LowStockBadge } from "./ProductStatusBadge";

/** What to order and how much, most urgent first, with the API's reasoning in words. */
export function ReorderList() {
  const { t } = useTranslation("consoleCatalog");
  const suggestions = useQuery(reorderQuery);
  if (suggestions.isPending) return <ListSkeleton label={t("reorder.loading")} rows={2} />;
  if (suggestions.isError) return <ErrorState error={suggestions.error} onRetry={() => void suggestions.refetch()} />;
  const items = suggestions.data.items.filter((item) => item.suggested_quantity > 0);
  if (items.length === 0) return <EmptyState title={t("reorder.empty")}>{t("reorder.emptyHint")}</EmptyState>;
  return (
    <ul aria-label={t("reorder.title")} className="grid grid-cols-1 gap-3 md:grid-cols-2">
      {items.map((item) => (
        <li key={item.product_id} className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4">
          <div className="flex items-start justify-between gap-2">
            <Link to={`/console/stock/${item.product_id}`} className="font-semibold text-brand-800 underline">
              {item.name}
            </Link>
            {item.low_stock ? <LowStockBadge /> : null}
          </div>
          <p className="text-sm text-stone-700">{t("list.sku", { sku: item.sku })}</p>
          <p className="text-lg font-semibold text-stone-900">
            {t("reorder.suggested", { count: item.suggested_quantity, packs: item.suggested_quantity / item.pack_size })}
          </p>
          <p className="text-stone-800">{item.why}</p>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm text-stone-700">
            <dt>{t("reorder.onHand")}</dt>
            <dd className="tabular-nums">{item.stock_on_hand}</dd>
            <dt>{t("reorder.sold30")}</dt>
            <dd className="tabular-nums">{item.units_sold_30d}</dd>
            <dt>{t("reorder.cover")}</dt>
            <dd className="tabular-nums">
              {item.days_of_cover === null ? t("reorder.noSales") : t("reorder.days", { days: item.days_of_cover })}
            </dd>
            <dt>{t("reorder.leadTime")}</dt>
            <dd className="tabular-nums">{t("reorder.days", { days: item.lead_time_days })}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
