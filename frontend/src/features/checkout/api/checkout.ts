import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { api, unwrap } from "@/lib/api-client";
import { ApiError } from "@/lib/api-error";
import { type Attempt, attemptFor, fingerprintOf } from "../lib/idempotency";
import type { CheckoutRequest, CheckoutResult } from "./types";

const CART_KEY = ["cart"] as const;

/**
 * Places the cart's orders. The Idempotency-Key belongs to the attempt (see
 * `lib/idempotency`): the same request sent twice carries the same key and places the
 * orders once.
 */
export function usePlaceCheckout() {
  const queryClient = useQueryClient();
  const attempt = useRef<Attempt | null>(null);
  return useMutation({
    mutationFn: (body: CheckoutRequest): Promise<CheckoutResult> => {
      attempt.current = attemptFor(attempt.current, fingerprintOf(body));
      return unwrap(api.POST("/checkout", { body, params: { header: { "Idempotency-Key": attempt.current.key } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CART_KEY }),
    onError: (error) => {
      if (isRefusal(error)) return queryClient.invalidateQueries({ queryKey: CART_KEY });
    },
  });
}

/**
 * The API refused the checkout, so nothing was placed and the cart may be shown afresh. A
 * lost answer or a server error may hide placed orders: the screen keeps the cart the
 * retailer confirmed, so sending it again reuses the key and answers what was placed.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && !error.isNetworkError && error.status >= 400 && error.status < 500;
}
