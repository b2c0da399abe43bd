import { infiniteQueryOptions } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { type SearchFilters, apiSearchQuery } from "../lib/search-filters";

export const SEARCH_PAGE_SIZE = 24;

export function searchQuery(filters: SearchFilters) {
  return infiniteQueryOptions({
    queryKey: ["catalog", "search", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/catalog/search", {
          params: { query: { ...apiSearchQuery(filters), cursor: pageParam, limit: SEARCH_PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}
