import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { Skeleton } from "@/components/Skeleton";

interface PagedProps {
  query: Pick<
    UseInfiniteQueryResult,
    "isPending" | "isError" | "error" | "refetch" | "hasNextPage" | "isFetchingNextPage" | "fetchNextPage" | "isFetchNextPageError"
  >;
  count: number;
  loadingLabel: string;
  empty: ReactNode;
  children: ReactNode;
}

/** A cursor-paged list's states: loading, error, empty, the items, then "Show more". */
export function Paged({ query, count, loadingLabel, empty, children }: PagedProps) {
  const { t } = useTranslation("consoleOrders");
  if (query.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-2">
        <span className="sr-only">{loadingLabel}</span>
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} className="h-16 w-full" />
        ))}
      </div>
    );
  }
  if (query.isError && count === 0) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (count === 0) return <>{empty}</>;
  return (
    <div className="flex flex-col gap-3">
      {children}
      {query.hasNextPage ? (
        <Button
          variant="secondary"
          isLoading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          className="self-center"
        >
          {t("money.loadMore")}
        </Button>
      ) : null}
      {query.isFetchNextPageError ? <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} /> : null}
    </div>
  );
}

export function NoneYet({ title, hint }: { title: string; hint?: string }) {
  return <EmptyState title={title}>{hint}</EmptyState>;
}
