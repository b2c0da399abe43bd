import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { formatNumber } from "@/lib/format";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";
import { useLocale } from "@/lib/use-locale";
import { searchQuery } from "../api/search";
import { ActiveFilters } from "../components/ActiveFilters";
import { FilterPanel } from "../components/FilterPanel";
import { LoadMore } from "../components/LoadMore";
import { ProductGrid, ProductGridSkeleton } from "../components/ProductGrid";
import { SearchBox } from "../components/SearchBox";
import { SortSelect } from "../components/SortSelect";
import { countRefinements, readFilters, writeFilters } from "../lib/search-filters";

export const SEARCH_DEBOUNCE_MS = 250;

export function SearchRoute() {
  const { t } = useTranslation();
  const locale = useLocale();
  const filtersId = useId();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [text, setText] = useState(filters.q);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const { run: pushQuery, pending: queryPending } = useDebouncedCallback((q: string) => {
    setParams((current) => writeFilters({ ...readFilters(current), q }), { replace: true, preventScrollReset: true });
  }, SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    if (!queryPending()) setText(filters.q);
  }, [filters.q, queryPending]);

  const search = useInfiniteQuery({ ...searchQuery(filters), placeholderData: keepPreviousData });
  const firstPage = search.data?.pages[0];
  const items = useMemo(() => search.data?.pages.flatMap((page) => page.items) ?? [], [search.data]);
  const refinements = countRefinements(filters);

  const onType = (value: string) => {
    setText(value);
    pushQuery(value);
  };

  const results = () => {
    if (search.isPending) return <ProductGridSkeleton />;
    if (search.isError && !firstPage) {
      return <ErrorState error={search.error} onRetry={() => void search.refetch()} />;
    }
    if (!firstPage || firstPage.total === 0) {
      return (
        <EmptyState title={filters.q ? t("catalog.empty.titleFor", { q: filters.q }) : t("catalog.empty.title")}>
          {refinements > 0 ? t("catalog.empty.withFilters") : t("catalog.empty.hint")}
        </EmptyState>
      );
    }
    return (
      <div className={search.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
        {firstPage.match === "fuzzy" ? <Alert className="mb-3">{t("catalog.fuzzyMatch")}</Alert> : null}
        <ProductGrid items={items} label={t("catalog.results")} />
        <LoadMore
          shown={items.length}
          total={firstPage.total}
          hasMore={search.hasNextPage}
          isLoading={search.isFetchingNextPage}
          onLoadMore={() => void search.fetchNextPage()}
        />
        {search.isFetchNextPageError ? (
          <ErrorState error={search.error} onRetry={() => void search.fetchNextPage()} />
        ) : null}
      </div>
    );
  };

  return (
    <div>
      <PageTitle>{t("catalog.title")}</PageTitle>
      <div className="flex flex-col gap-3">
        <SearchBox value={text} onChange={onType} isSearching={search.isFetching && !search.isFetchingNextPage} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p aria-live="polite" className="text-stone-800">
            {firstPage ? t("catalog.total", { count: firstPage.total, formatted: formatNumber(firstPage.total, locale) }) : ""}
          </p>
          <div className="flex items-center gap-2">
            <button
              type="button"
              aria-expanded={filtersOpen}
              aria-controls={filtersId}
              onClick={() => setFiltersOpen((open) => !open)}
              className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 font-semibold lg:hidden"
            >
              {refinements > 0 ? t("catalog.facets.toggleCount", { count: refinements }) : t("catalog.facets.toggle")}
            </button>
            <SortSelect
              value={filters.sort}
              hasQuery={filters.q.length > 0}
              onChange={(sort) => setParams(writeFilters({ ...filters, sort }), { preventScrollReset: true })}
            />
          </div>
        </div>
        <ActiveFilters filters={filters} facets={firstPage?.facets} />
      </div>
      <div className="mt-4 grid gap-6 lg:grid-cols-[16rem_1fr]">
        <aside
          id={filtersId}
          aria-label={t("catalog.facets.title")}
          className={`${filtersOpen ? "block" : "hidden"} rounded-xl border border-stone-200 bg-white p-3 lg:block lg:self-start`}
        >
          <FilterPanel filters={filters} facets={firstPage?.facets} />
        </aside>
        <section aria-label={t("catalog.results")}>{results()}</section>
      </div>
    </div>
  );
}
