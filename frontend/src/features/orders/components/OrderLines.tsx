import { useTranslation } from "react-i18next";
import { Money } from "@/components/Money";
import type { Order } from "../api/types";

export function OrderLines({ order }: { order: Order }) {
  const { t } = useTranslation();
  const money = (amount: string) => <Money amount={amount} currency={order.currency} />;
  return (
    <div className="flex flex-col gap-3">
      <ul className="divide-y divide-stone-200">
        {order.lines.map((line) => (
          <li key={line.product_id} className="flex items-start justify-between gap-3 py-2">
            <span>
              <span className="block font-semibold">{line.name}</span>
              <span className="text-sm text-stone-700">
                {line.quantity} × {money(line.unit_price)} {t("catalog.perUnit", { unit: line.unit_of_sale })}
              </span>
            </span>
            <Money amount={line.line_total} currency={order.currency} className="font-semibold" />
          </li>
        ))}
      </ul>
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t border-stone-200 pt-3">
        <dt className="text-stone-700">{t("cart.subtotal")}</dt>
        <dd className="text-right">{money(order.subtotal)}</dd>
        <dt className="text-stone-700">{t("cart.deliveryFee")}</dt>
        <dd className="text-right">{money(order.delivery_fee)}</dd>
        <dt className="font-bold">{t("orders.total")}</dt>
        <dd className="text-right font-bold">{money(order.total)}</dd>
        {order.payment_method === "pay_on_delivery" ? (
          <>
            <dt className="text-stone-700">{t("orders.collected")}</dt>
            <dd className="text-right">{money(order.amount_collected)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
