import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Button, LinkButton } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { queueQuery } from "../api/queue";
import type { OrderStatus, QueueItem } from "../api/types";
import { BulkActions, type BulkOutcome } from "../components/BulkActions";
import { BulkResults } from "../components/BulkResults";
import { QueueFilterPanel } from "../components/QueueFilterPanel";
import { QueueList } from "../components/QueueList";
import { QuickFilters } from "../components/QuickFilters";
import { type QueueFilters, activeFilterCount, readFilters, writeFilters } from "../lib/queue-filters";

/** The wholesaler's sales, newest first: filter, select, print the pick list, accept, dispatch. */
export function OrderQueueRoute() {
  const { t } = useTranslation("consoleOrders");
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const orders = useInfiniteQuery(queueQuery(filters));
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const [selected, setSelected] = useState<ReadonlyMap<string, OrderStatus>>(new Map());
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);

  const applyFilters = (next: QueueFilters) => {
    setSelected(new Map());
    setParams(writeFilters(next));
  };
  const toggle = (item: QueueItem, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(item.id, item.status);
      else next.delete(item.id);
      return next;
    });
  const toggleAll = (on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      for (const item of items) {
        if (on) next.set(item.id, item.status);
        else next.delete(item.id);
      }
      return next;
    });

  const list = () => {
    if (orders.isPending) {
      return (
        <div aria-busy="true" className="flex flex-col gap-2">
          <span className="sr-only">{t("queue.loading")}</span>
          {[0, 1, 2, 3].map((index) => (
            <Skeleton key={index} className="h-20 w-full" />
          ))}
        </div>
      );
    }
    if (orders.isError && items.length === 0) {
      return <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />;
    }
    if (items.length === 0) {
      return activeFilterCount(filters) > 0 ? (
        <EmptyState
          title={t("queue.empty.filtered")}
          action={
            <LinkButton to="/console/orders" variant="secondary">
              {t("queue.empty.showAll")}
            </LinkButton>
          }
        />
      ) : (
        <EmptyState title={t("queue.empty.title")}>{t("queue.empty.hint")}</EmptyState>
      );
    }
    return (
      <>
        <QueueList items={items} selected={new Set(selected.keys())} onToggle={toggle} onToggleAll={toggleAll} />
        {orders.hasNextPage ? (
          <Button
            variant="secondary"
            isLoading={orders.isFetchingNextPage}
            onClick={() => void orders.fetchNextPage()}
            className="self-center"
          >
            {t("queue.loadMore")}
          </Button>
        ) : null}
        {orders.isFetchNextPageError ? <ErrorState error={orders.error} onRetry={() => void orders.fetchNextPage()} /> : null}
      </>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-x-4">
        <PageTitle lead={t("queue.lead")}>{t("title.orders")}</PageTitle>
        <Link to="/console/business" className="flex min-h-11 items-center font-semibold text-brand-800 underline">
          {t("business.link")}
        </Link>
      </div>
      <QuickFilters current={filters} />
      <QueueFilterPanel filters={filters} onChange={applyFilters} />
      {outcome ? <BulkResults action={outcome.action} results={outcome.results} /> : null}
      {list()}
      <BulkActions selected={selected} onClear={() => setSelected(new Map())} onDone={setOutcome} />
    </div>
  );
}
