import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { lowStockQuery } from "../api/stock";
import { ListSkeleton } from "./ListSkeleton";
import { ProductStatusBadge } from "./ProductStatusBadge";

/** Products at or below their threshold, emptiest first, each a link to restock it. */
export function LowStockList() {
  const { t } = useTranslation("consoleCatalog");
  const low = useInfiniteQuery(lowStockQuery);
  const items = low.data?.pages.flatMap((page) => page.items) ?? [];
  if (low.isPending) return <ListSkeleton label={t("stock.loading")} rows={2} />;
  if (low.isError && items.length === 0) return <ErrorState error={low.error} onRetry={() => void low.refetch()} />;
  if (items.length === 0) return <EmptyState title={t("stock.lowEmpty")}>{t("stock.lowEmptyHint")}</EmptyState>;
  return (
    <>
      <ul aria-label={t("stock.lowTitle")} className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {items.map((item) => (
          <li key={item.product_id}>
            <Link
              to={`/console/stock/${item.product_id}`}
              className="flex h-full flex-col gap-1 rounded-xl border border-stone-200 bg-white p-4 hover:border-brand-700"
            >
              <span className="flex items-start justify-between gap-2">
                <span className="font-semibold text-brand-800 underline">{item.name}</span>
                <ProductStatusBadge status={item.status} />
              </span>
              <span className="text-sm text-stone-700">{t("list.sku", { sku: item.sku })}</span>
              <span className="text-stone-900">
                {t("stock.onHandOfThreshold", { stock: item.stock_on_hand, threshold: item.low_stock_threshold })}
              </span>
              {item.alerted ? <span className="text-sm text-stone-700">{t("stock.alerted")}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
      {low.hasNextPage ? (
        <Button
          variant="secondary"
          className="self-center"
          isLoading={low.isFetchingNextPage}
          onClick={() => void low.fetchNextPage()}
        >
          {t("list.loadMore")}
        </Button>
      ) : null}
      {low.isFetchNextPageError ? <ErrorState error={low.error} onRetry={() => void low.fetchNextPage()} /> : null}
    </>
  );
}
