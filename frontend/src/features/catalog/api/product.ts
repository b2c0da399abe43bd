import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";

export function productQuery(id: string) {
  return queryOptions({
    queryKey: ["catalog", "product", id],
    queryFn: ({ signal }) => unwrap(api.GET("/catalog/products/{id}", { params: { path: { id } }, signal })),
  });
}
