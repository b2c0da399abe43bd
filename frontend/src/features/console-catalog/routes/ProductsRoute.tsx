import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { useCanWrite } from "@/lib/audience";
import { errorMessage } from "@/lib/error-message";
import { useBulkStatus } from "../api/bulk-status";
import { INVENTORY_KEY, productsQuery, setProductStatus } from "../api/products";
import type { Product, ProductStatus } from "../api/types";
import { BulkStatusBar } from "../components/BulkStatusBar";
import { CatalogTabs } from "../components/CatalogTabs";
import { ListSkeleton } from "../components/ListSkeleton";
import { ProductFilters, readFilters } from "../components/ProductFilters";
import { ProductTable } from "../components/ProductTable";

interface Removed {
  name: string;
  outcome: "deleted" | "archived";
}

function removedOf(state: unknown): Removed | null {
  if (typeof state !== "object" || state === null || !("removed" in state)) return null;
  const removed = state.removed as Partial<Removed> | null;
  if (!removed || typeof removed.name !== "string") return null;
  return { name: removed.name, outcome: removed.outcome === "archived" ? "archived" : "deleted" };
}

export function ProductsRoute() {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const removed = removedOf(useLocation().state);
  const filters = readFilters(params);
  const products = useInfiniteQuery(productsQuery(filters));
  const items = products.data?.pages.flatMap((page) => page.items) ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const bulk = useBulkStatus();
  const single = useMutation({
    mutationFn: ({ product, status }: { product: Product; status: ProductStatus }) => setProductStatus(product.id, status),
    onSettled: () => queryClient.invalidateQueries({ queryKey: INVENTORY_KEY }),
  });
  const filtered = Boolean(filters.q || filters.status || filters.lowStock);

  const toggle = (id: string, checked: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  const runBulk = (status: ProductStatus) => {
    const chosen = items.filter((product) => selected.has(product.id)).map(({ id, name }) => ({ id, name }));
    void bulk.run(chosen, status).then((failures) => {
      setSelected(new Set(failures.map((failure) => failure.id)));
    });
  };

  const list = () => {
    if (products.isPending) return <ListSkeleton label={t("list.loading")} />;
    if (products.isError && items.length === 0) {
      return <ErrorState error={products.error} onRetry={() => void products.refetch()} />;
    }
    if (items.length === 0) {
      return filtered ? (
        <EmptyState
          title={t("list.emptyFiltered")}
          action={
            <LinkButton to="/console/products" variant="secondary">
              {t("filters.clear")}
            </LinkButton>
          }
        />
      ) : (
        <EmptyState
          title={t("list.emptyTitle")}
          action={canWrite ? <LinkButton to="/console/products/new">{t("list.new")}</LinkButton> : null}
        >
          {t("list.emptyHint")}
        </EmptyState>
      );
    }
    return (
      <>
        <ProductTable
          products={items}
          selected={selected}
          onToggle={toggle}
          onToggleAll={(checked) => {
            setSelected(checked ? new Set(items.map((product) => product.id)) : new Set());
          }}
          onStatus={
            canWrite
              ? (product, status) => {
                  single.mutate({ product, status });
                }
              : null
          }
          busyId={single.isPending ? single.variables.product.id : null}
        />
        {products.hasNextPage ? (
          <Button
            variant="secondary"
            isLoading={products.isFetchingNextPage}
            onClick={() => void products.fetchNextPage()}
            className="self-center"
          >
            {t("list.loadMore")}
          </Button>
        ) : null}
        {products.isFetchNextPageError ? (
          <ErrorState error={products.error} onRetry={() => void products.fetchNextPage()} />
        ) : null}
      </>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <PageTitle lead={t("list.lead")}>{t("title.products")}</PageTitle>
        {canWrite ? <LinkButton to="/console/products/new">{t("list.new")}</LinkButton> : null}
      </div>
      <CatalogTabs />
      {removed ? <Alert tone="success">{t(`list.removed_${removed.outcome}`, { name: removed.name })}</Alert> : null}
      <ProductFilters />
      {single.isError ? (
        <Alert tone="error" title={t("list.statusFailed", { name: single.variables.product.name })}>
          {errorMessage(tApp, single.error)}
        </Alert>
      ) : null}
      {canWrite ? (
        <BulkStatusBar
          count={selected.size}
          progress={bulk.progress}
          onRun={runBulk}
          onClear={() => {
            setSelected(new Set());
            bulk.clear();
          }}
        />
      ) : null}
      {list()}
    </div>
  );
}
