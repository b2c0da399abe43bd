import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { Skeleton } from "@/components/Skeleton";

interface Page<Item> {
  items: Item[];
  next_cursor: string | null;
}

interface PagedListProps<Item> {
  query: UseInfiniteQueryResult<InfiniteData<Page<Item>>>;
  empty: string;
  emptyHint?: ReactNode;
  /** Read to screen readers while the first page loads. */
  loadingLabel?: string;
  children: (items: Item[]) => ReactNode;
}

/** A cursor-paged list's loading, error, empty and "Show more" states around its rows. */
export function PagedList<Item>({ query, empty, emptyHint, loadingLabel, children }: PagedListProps<Item>) {
  const { t } = useTranslation();
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-3">
        <span className="sr-only">{loadingLabel ?? t("list.loading")}</span>
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} className="h-16 w-full" />
        ))}
      </div>
    );
  }
  if (query.isError && items.length === 0) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (items.length === 0) return <EmptyState title={empty}>{emptyHint}</EmptyState>;
  return (
    <div className="flex flex-col gap-3">
      {children(items)}
      {query.hasNextPage ? (
        <Button
          variant="secondary"
          isLoading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          className="self-center"
        >
          {t("list.loadMore")}
        </Button>
      ) : null}
      {query.isFetchNextPageError ? <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} /> : null}
    </div>
  );
}
