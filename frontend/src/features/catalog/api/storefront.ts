import { infiniteQueryOptions } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { SEARCH_PAGE_SIZE } from "./search";

export function storefrontQuery(id: string) {
  return infiniteQueryOptions({
    queryKey: ["catalog", "wholesaler", id],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/catalog/wholesalers/{id}", {
          params: { path: { id }, query: { cursor: pageParam, limit: SEARCH_PAGE_SIZE } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.products.next_cursor ?? undefined,
  });
}
