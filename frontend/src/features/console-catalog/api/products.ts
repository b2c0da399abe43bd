import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import type { Product, ProductCreate, ProductStatus, ProductUpdate } from "./types";

export const PRODUCTS_PAGE_SIZE = 25;
/** Every inventory query starts with this key, so one invalidation refreshes lists, stock and suggestions. */
export const INVENTORY_KEY = ["inventory"] as const;

export interface ProductFilters {
  q: string;
  status: ProductStatus | null;
  lowStock: boolean;
}

export function productsQuery({ q, status, lowStock }: ProductFilters) {
  return infiniteQueryOptions({
    queryKey: [...INVENTORY_KEY, "products", { q, status, lowStock }],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/inventory/products", {
          params: {
            query: {
              q: q || undefined,
              status: status ?? undefined,
              low_stock: lowStock || undefined,
              cursor: pageParam,
              limit: PRODUCTS_PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 10_000,
  });
}

export function productQuery(id: string) {
  return queryOptions({
    queryKey: [...INVENTORY_KEY, "product", id],
    queryFn: ({ signal }) => unwrap(api.GET("/inventory/products/{id}", { params: { path: { id } }, signal })),
    staleTime: 10_000,
  });
}

export const categoriesQuery = queryOptions({
  queryKey: ["categories"],
  queryFn: ({ signal }) => unwrap(api.GET("/categories", { signal })),
  staleTime: 5 * 60_000,
});

/** A saved product replaces its cached copy; every other inventory view is fetched again. */
function useSavedProduct() {
  const queryClient = useQueryClient();
  return (product: Product) => {
    queryClient.setQueryData(productQuery(product.id).queryKey, product);
    return queryClient.invalidateQueries({
      queryKey: INVENTORY_KEY,
      predicate: (query) => query.queryKey[2] !== product.id,
    });
  };
}

export function useCreateProduct() {
  const saved = useSavedProduct();
  return useMutation({
    mutationFn: (body: ProductCreate) => unwrap(api.POST("/inventory/products", { body })),
    onSuccess: saved,
  });
}

export function useUpdateProduct() {
  const saved = useSavedProduct();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ProductUpdate }) =>
      unwrap(api.PATCH("/inventory/products/{id}", { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function setProductStatus(id: string, status: ProductStatus): Promise<Product> {
  return unwrap(api.PATCH("/inventory/products/{id}", { params: { path: { id } }, body: { status } }));
}

export function useRemoveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/inventory/products/{id}", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INVENTORY_KEY }),
  });
}
