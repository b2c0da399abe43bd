import { useTranslation } from "react-i18next";
import { Money } from "@/components/Money";
import type { Cart } from "../api/types";

/** The whole cart's sums; also the checkout's summary. */
export function CartTotals({ cart }: { cart: Cart }) {
  const { t } = useTranslation();
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1" aria-live="polite">
      <dt className="text-stone-700">{t("cart.itemsTotal", { count: cart.item_count })}</dt>
      <dd className="text-right">
        <Money amount={cart.items_total} currency={cart.currency} />
      </dd>
      <dt className="text-stone-700">{t("cart.deliveryTotal")}</dt>
      <dd className="text-right">
        <Money amount={cart.delivery_total} currency={cart.currency} />
      </dd>
      <dt className="text-lg font-bold">{t("cart.grandTotal")}</dt>
      <dd className="text-right text-lg font-bold">
        <Money amount={cart.grand_total} currency={cart.currency} />
      </dd>
    </dl>
  );
}
