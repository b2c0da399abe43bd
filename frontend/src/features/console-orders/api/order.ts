import { useMutation, useQueryClient } from "@tanstack/react-query";
import { orderQuery } from "@/features/orders/api/orders";
import { api, unwrap } from "@/lib/api-client";
import type { CollectionBody, Order, OrderStatus, TransitionBody } from "./types";

export { orderQuery };

function useOrderChange<Variables>(id: string, send: (variables: Variables) => Promise<Order>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (order) => {
      queryClient.setQueryData(orderQuery(id).queryKey, order);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["orders", "queue"] }),
        queryClient.invalidateQueries({ queryKey: ["orders", "list"] }),
        queryClient.invalidateQueries({ queryKey: ["settlements"] }),
      ]);
    },
  });
}

function transition(id: string, body: TransitionBody): Promise<Order> {
  return unwrap(api.POST("/orders/{id}/transitions", { params: { path: { id } }, body }));
}

export function useTransition(id: string) {
  return useOrderChange(id, (body: TransitionBody) => transition(id, body));
}

/** Dispatching an accepted order packs it first (the state machine goes through packed). */
export function useDispatch(id: string, status: OrderStatus) {
  return useOrderChange(id, async (details: Omit<TransitionBody, "to">) => {
    if (status === "accepted") await transition(id, { to: "packed" });
    return transition(id, { ...details, to: "dispatched" });
  });
}

export function useRecordCollection(id: string) {
  return useOrderChange(id, (body: CollectionBody) =>
    unwrap(api.POST("/orders/{id}/collection", { params: { path: { id } }, body })),
  );
}
