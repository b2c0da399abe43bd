import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { components } from "@/lib/api-types";
import { adminKeys } from "./keys";

export type CategoryNode = components["schemas"]["CategoryNode"];
export type CategoryCreate = components["schemas"]["CreateCategoryRequest"];
export type CategoryUpdate = components["schemas"]["UpdateCategoryRequest"];

export function categoriesQuery() {
  return queryOptions({
    queryKey: [...adminKeys.categories],
    // The public tree is cached by browsers for minutes; the editor must see its own changes.
    queryFn: ({ signal }) => unwrap(api.GET("/categories", { signal, cache: "no-cache" })),
    staleTime: 0,
  });
}

function useCategoryChange<Variables, Result>(send: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.categories }),
  });
}

export function useCreateCategory() {
  return useCategoryChange((body: CategoryCreate) => unwrap(api.POST("/admin/categories", { body })));
}

export function useUpdateCategory() {
  return useCategoryChange(({ id, body }: { id: string; body: CategoryUpdate }) =>
    unwrap(api.PATCH("/admin/categories/{id}", { params: { path: { id } }, body })),
  );
}

export function useDeleteCategory() {
  return useCategoryChange((id: string) => unwrap(api.DELETE("/admin/categories/{id}", { params: { path: { id } } })));
}
