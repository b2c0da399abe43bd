import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { useSessionStore } from "@/lib/session-store";
import { pendingCartChanges } from "../lib/pending-changes";
import type { Cart, DeliveryMethod } from "./types";

export const CART_KEY = ["cart"] as const;

export const cartQuery = queryOptions({
  queryKey: CART_KEY,
  queryFn: ({ signal }) => unwrap(api.GET("/cart", { signal })),
  staleTime: 15_000,
});

/** Only a retailer has a cart; the query stays idle for anyone else. */
export function useIsRetailer(): boolean {
  return useSessionStore((state) => state.session?.business?.kind === "retailer");
}

/** How many lines the cart holds, for the badge in the navigation (null until known). */
export function useCartCount(): number | null {
  const isRetailer = useIsRetailer();
  const cart = useQuery({ ...cartQuery, enabled: isRetailer, select: (data) => data.item_count });
  return cart.data ?? null;
}

export function useAddToCart() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { product_id: string; quantity: number }) => unwrap(api.POST("/cart/items", { body })),
    onSuccess: (cart) => queryClient.setQueryData(CART_KEY, cart),
  });
}

/**
 * Sends one change; every change answers the whole priced cart, which is shown only when
 * no later change is waiting or on its way (a slow early answer never undoes a later
 * change). A refused change reloads the cart as the server has it.
 */
export async function sendCartChange(queryClient: QueryClient, request: () => Promise<Cart>): Promise<Cart> {
  pendingCartChanges.begin();
  try {
    const cart = await request();
    if (pendingCartChanges.isLast()) queryClient.setQueryData(CART_KEY, cart);
    return cart;
  } catch (error) {
    void queryClient.invalidateQueries({ queryKey: CART_KEY });
    throw error;
  } finally {
    pendingCartChanges.end();
  }
}

export function patchQuantity(lineId: string, quantity: number): Promise<Cart> {
  return unwrap(api.PATCH("/cart/items/{id}", { params: { path: { id: lineId } }, body: { quantity } }));
}

export function useRemoveLine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lineId: string) =>
      sendCartChange(queryClient, () => unwrap(api.DELETE("/cart/items/{id}", { params: { path: { id: lineId } } }))),
  });
}

export function useChooseDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { wholesaler_id: string; method: DeliveryMethod }) =>
      sendCartChange(queryClient, () => unwrap(api.PUT("/cart/delivery", { body }))),
  });
}
