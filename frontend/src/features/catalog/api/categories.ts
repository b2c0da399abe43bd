import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";

export const categoriesQuery = queryOptions({
  queryKey: ["categories"],
  queryFn: ({ signal }) => unwrap(api.GET("/categories", { signal })),
  staleTime: 5 * 60_000,
});
