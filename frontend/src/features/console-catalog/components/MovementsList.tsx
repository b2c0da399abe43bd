import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { movementsQuery } from "../api/stock";
import type { Movement } from "../api/types";
import { ListSkeleton } from "./ListSkeleton";

function Delta({ movement }: { movement: Movement }) {
  const positive = movement.delta > 0;
  return (
    <span className={`font-semibold tabular-nums ${positive ? "text-brand-800" : "text-red-800"}`}>
      {positive ? `+${String(movement.delta)}` : `−${String(-movement.delta)}`}
    </span>
  );
}

/** The stock ledger, newest first, a page at a time: a table on a desktop, cards on a phone. */
export function MovementsList({ productId }: { productId: string }) {
  const { t } = useTranslation("consoleCatalog");
  const movements = useInfiniteQuery(movementsQuery(productId));
  const items = movements.data?.pages.flatMap((page) => page.items) ?? [];

  const body = () => {
    if (movements.isPending) return <ListSkeleton label={t("ledger.loading")} rows={3} />;
    if (movements.isError && items.length === 0) {
      return <ErrorState error={movements.error} onRetry={() => void movements.refetch()} />;
    }
    if (items.length === 0) return <EmptyState title={t("ledger.empty")} />;
    return (
      <>
        <table className="hidden w-full border-collapse rounded-xl bg-white text-left md:table">
          <caption className="sr-only">{t("ledger.title")}</caption>
          <thead className="border-b border-stone-200 text-sm text-stone-700">
            <tr>
              <th scope="col" className="p-3">{t("ledger.when")}</th>
              <th scope="col" className="p-3">{t("ledger.kind")}</th>
              <th scope="col" className="p-3 text-right">{t("ledger.change")}</th>
              <th scope="col" className="p-3 text-right">{t("ledger.after")}</th>
              <th scope="col" className="p-3">{t("ledger.note")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((movement) => (
              <tr key={movement.id} className="border-b border-stone-100 last:border-0">
                <td className="p-3 text-sm">
                  <DateTime iso={movement.created_at} style="dateTime" />
                </td>
                <td className="p-3">{t(`movement.${movement.kind}`)}</td>
                <td className="p-3 text-right">
                  <Delta movement={movement} />
                </td>
                <td className="p-3 text-right tabular-nums">{movement.stock_after}</td>
                <td className="p-3 text-stone-800">{movement.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ol aria-label={t("ledger.title")} className="flex flex-col gap-2 md:hidden">
          {items.map((movement) => (
            <li key={movement.id} className="flex flex-col gap-1 rounded-xl border border-stone-200 bg-white p-3">
              <span className="flex items-center justify-between gap-2">
                <span className="font-semibold">{t(`movement.${movement.kind}`)}</span>
                <Delta movement={movement} />
              </span>
              <span className="flex justify-between gap-2 text-sm text-stone-700">
                <DateTime iso={movement.created_at} style="dateTime" />
                <span>{t("ledger.afterShort", { count: movement.stock_after })}</span>
              </span>
              {movement.note ? <span className="text-stone-800">{movement.note}</span> : null}
            </li>
          ))}
        </ol>
        {movements.hasNextPage ? (
          <Button
            variant="secondary"
            className="self-center"
            isLoading={movements.isFetchingNextPage}
            onClick={() => void movements.fetchNextPage()}
          >
            {t("list.loadMore")}
          </Button>
        ) : null}
        {movements.isFetchNextPageError ? (
          <ErrorState error={movements.error} onRetry={() => void movements.fetchNextPage()} />
        ) : null}
      </>
    );
  };

  return (
    <section aria-labelledby="ledger-title" className="flex flex-col gap-3">
      <h2 id="ledger-title" className="text-lg font-semibold">
        {t("ledger.title")}
      </h2>
      {body()}
    </section>
  );
}
