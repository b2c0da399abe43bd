import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import type { OrderListItem } from "../api/types";
import { OrderPaymentLink } from "./OrderPaymentLink";
import { OrderStatusBadge } from "./OrderStatusBadge";

export function OrderCard({ order }: { order: OrderListItem }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link
        to={`/orders/${order.id}`}
        className="flex flex-col gap-1 rounded-xl border border-stone-200 bg-white p-4 hover:border-brand-700"
      >
        <span className="flex items-start justify-between gap-2">
          <span className="font-semibold text-brand-800 underline">{order.number}</span>
          <OrderStatusBadge status={order.status} />
        </span>
        <span className="text-stone-800">{order.wholesaler_name}</span>
        <span className="flex items-end justify-between gap-2 text-sm text-stone-700">
          <span>
            <DateTime iso={order.created_at} /> · {t(`orders.payment.${order.payment_method}`)}
          </span>
          <Money amount={order.total} currency={order.currency} className="text-base font-semibold text-stone-900" />
        </span>
      </Link>
      <OrderPaymentLink order={order} className="mt-2 w-full" />
    </li>
  );
}
