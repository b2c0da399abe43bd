import type { LoaderFunctionArgs } from "react-router";
import { cartQuery } from "@/features/cart/api/cart";
import { productQuery } from "@/features/catalog/api/product";
import { searchQuery } from "@/features/catalog/api/search";
import { readFilters } from "@/features/catalog/lib/search-filters";
import { orderQuery, ordersQuery } from "@/features/orders/api/orders";
import { readStatus } from "@/features/orders/lib/timeline";
import { ensureSession } from "@/lib/ensure-session";
import { queryClient } from "@/lib/query-client";

/**
 * Route loaders that start a page's data request while its code is still downloading
 * (two round trips in parallel instead of one after the other on a slow connection).
 * They never wait for the data: the page shows its own loading state.
 */
/** A failed prefetch is the page's to show: its own query fetches again and shows the error. */
function ignore() {
  return undefined;
}

export async function prefetchSearch({ request }: LoaderFunctionArgs) {
  if (await ensureSession()) {
    queryClient.infiniteQuery(searchQuery(readFilters(new URL(request.url).searchParams))).catch(ignore);
  }
  return null;
}

export async function prefetchProduct({ params }: LoaderFunctionArgs) {
  if (params.productId && (await ensureSession())) queryClient.query(productQuery(params.productId)).catch(ignore);
  return null;
}

export async function prefetchCart() {
  if (await ensureSession()) queryClient.query(cartQuery).catch(ignore);
  return null;
}

export async function prefetchOrders({ request }: LoaderFunctionArgs) {
  if (await ensureSession()) {
    const status = readStatus(new URL(request.url).searchParams.get("status"));
    queryClient.infiniteQuery(ordersQuery(status)).catch(ignore);
  }
  return null;
}

export async function prefetchOrder({ params }: LoaderFunctionArgs) {
  if (params.orderId && (await ensureSession())) queryClient.query(orderQuery(params.orderId)).catch(ignore);
  return null;
}
