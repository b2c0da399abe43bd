import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";

export interface CompareSubject {
  gtin: string;
  quantity: number | null;
}

export function compareQuery({ gtin, quantity }: CompareSubject) {
  return queryOptions({
    queryKey: ["catalog", "compare", gtin, quantity],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/catalog/compare", { params: { query: { gtin, quantity: quantity ?? undefined } }, signal })),
  });
}
