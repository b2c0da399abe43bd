import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useLocation, useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { ordersQuery } from "../api/orders";
import { OrderCard } from "../components/OrderCard";
import { StatusFilter } from "../components/StatusFilter";
import { readStatus } from "../lib/timeline";

function placedNumbers(state: unknown): string[] {
  if (typeof state !== "object" || state === null || !("placed" in state) || !Array.isArray(state.placed)) return [];
  return state.placed.filter((number): number is string => typeof number === "string");
}

export function OrdersRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const status = readStatus(params.get("status"));
  const placed = placedNumbers(useLocation().state);
  const orders = useInfiniteQuery(ordersQuery(status));
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];

  const list = () => {
    if (orders.isPending) {
      return (
        <div aria-busy="true" className="flex flex-col gap-3">
          <span className="sr-only">{t("orders.loading")}</span>
          {[0, 1, 2].map((index) => (
            <Skeleton key={index} className="h-24 w-full" />
          ))}
        </div>
      );
    }
    if (orders.isError && items.length === 0) {
      return <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />;
    }
    if (items.length === 0) {
      return status ? (
        <EmptyState
          title={t("orders.empty.filtered", { status: t(`orders.status.${status}`) })}
          action={<LinkButton to="/orders" variant="secondary">{t("orders.filter.showAll")}</LinkButton>}
        />
      ) : (
        <EmptyState title={t("orders.empty.title")} action={<LinkButton to="/catalog">{t("cart.empty.action")}</LinkButton>}>
          {t("orders.empty.hint")}
        </EmptyState>
      );
    }
    return (
      <>
        <ul aria-label={t("orders.listLabel")} className="grid gap-3 md:grid-cols-2">
          {items.map((order) => (
            <OrderCard key={order.id} order={order} />
          ))}
        </ul>
        {orders.hasNextPage ? (
          <Button
            variant="secondary"
            isLoading={orders.isFetchingNextPage}
            onClick={() => void orders.fetchNextPage()}
            className="self-center"
          >
            {t("orders.loadMore")}
          </Button>
        ) : null}
        {orders.isFetchNextPageError ? (
          <ErrorState error={orders.error} onRetry={() => void orders.fetchNextPage()} />
        ) : null}
      </>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <PageTitle>{t("orders.title")}</PageTitle>
      {placed.length > 0 ? (
        <Alert tone="success" title={t("orders.placed", { count: placed.length })}>
          {placed.join(", ")}
        </Alert>
      ) : null}
      <StatusFilter current={status} />
      {list()}
    </div>
  );
}
