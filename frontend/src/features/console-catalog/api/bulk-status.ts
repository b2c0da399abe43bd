import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { INVENTORY_KEY, setProductStatus } from "./products";
import type { ProductStatus } from "./types";

export interface BulkFailure {
  id: string;
  name: string;
  error: unknown;
}

export interface BulkProgress {
  status: ProductStatus;
  done: number;
  total: number;
  failures: BulkFailure[];
  running: boolean;
}

/**
 * Changes the status of several products. The API has no bulk route, so they are sent one
 * by one, counting as they go; a refusal is kept with the product's name and the rest go on.
 */
export function useBulkStatus() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<BulkProgress | null>(null);

  const run = useCallback(
    async (products: readonly { id: string; name: string }[], status: ProductStatus) => {
      const failures: BulkFailure[] = [];
      setProgress({ status, done: 0, total: products.length, failures, running: true });
      for (const [index, product] of products.entries()) {
        try {
          await setProductStatus(product.id, status);
        } catch (error) {
          failures.push({ ...product, error });
        }
        setProgress({ status, done: index + 1, total: products.length, failures: [...failures], running: true });
      }
      setProgress({ status, done: products.length, total: products.length, failures, running: false });
      await queryClient.invalidateQueries({ queryKey: INVENTORY_KEY });
      return failures;
    },
    [queryClient],
  );

  const clear = useCallback(() => {
    setProgress(null);
  }, []);

  return { progress, run, clear };
}
