import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@/components/Button";
import { Money } from "@/components/Money";
import { QuantityStepper } from "@/components/QuantityStepper";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";
import { CART_KEY, patchQuantity, sendCartChange, useRemoveLine } from "../api/cart";
import type { Cart, CartLine } from "../api/types";
import { withQuantity, withoutLine } from "../lib/optimistic-cart";
import { pendingCartChanges } from "../lib/pending-changes";
import { WarningList } from "./WarningList";

/** A quantity change is sent once the taps stop for this long. */
export const QUANTITY_SETTLE_MS = 400;

interface CartLineItemProps {
  line: CartLine;
  currency: string;
  onError: (error: unknown) => void;
}

export function CartLineItem({ line, currency, onError }: CartLineItemProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const removeLine = useRemoveLine();
  const lineId = line.id;
  const reportError = useRef(onError);
  reportError.current = onError;

  const updateCache = useCallback(
    (change: (cart: Cart) => Cart) => queryClient.setQueryData<Cart>(CART_KEY, (cart) => (cart ? change(cart) : cart)),
    [queryClient],
  );

  const send = useCallback(
    (quantity: number) => {
      pendingCartChanges.unschedule(lineId);
      sendCartChange(queryClient, () => patchQuantity(lineId, quantity)).catch((error: unknown) =>
        reportError.current(error),
      );
    },
    [queryClient, lineId],
  );
  const { run: settleLater, cancel: cancelSettle } = useDebouncedCallback(send, QUANTITY_SETTLE_MS);

  useEffect(() => () => pendingCartChanges.sendNow(lineId), [lineId]);

  const changeQuantity = (quantity: number) => {
    if (quantity === line.quantity) return;
    updateCache((cart) => withQuantity(cart, lineId, quantity));
    settleLater(quantity);
    pendingCartChanges.schedule(lineId, () => {
      cancelSettle();
      send(quantity);
    });
  };

  const remove = () => {
    cancelSettle();
    pendingCartChanges.unschedule(lineId);
    updateCache((cart) => withoutLine(cart, lineId));
    removeLine.mutate(lineId, { onError: (error) => reportError.current(error) });
  };

  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold">
            <Link to={`/products/${line.product_id}`} className="text-stone-900 underline-offset-2 hover:underline">
              {line.name}
            </Link>
          </h3>
          <p className="text-sm text-stone-700">
            <Money amount={line.unit_price} currency={currency} /> {t("catalog.perUnit", { unit: line.unit_of_sale })}
          </p>
        </div>
        <p className="shrink-0 text-right">
          <span className="sr-only">{t("cart.lineTotal")} </span>
          <Money amount={line.line_total} currency={currency} className="font-semibold" />
        </p>
      </div>
      <WarningList warnings={line.warnings} line={line} currency={currency} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        {line.available ? (
          <QuantityStepper
            value={line.quantity}
            unit={line.unit_of_sale}
            itemName={line.name}
            minOrderQty={line.min_order_qty}
            orderIncrement={line.order_increment}
            onChange={changeQuantity}
          />
        ) : null}
        <Button variant="ghost" onClick={remove} aria-label={t("cart.removeItem", { name: line.name })}>
          {t("cart.remove")}
        </Button>
      </div>
    </li>
  );
}
