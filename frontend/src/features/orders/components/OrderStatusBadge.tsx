import { useTranslation } from "react-i18next";
import type { OrderStatus } from "../api/types";

const TONES: Record<OrderStatus, string> = {
  pending_payment: "bg-amber-100 text-amber-950",
  placed: "bg-sky-100 text-sky-950",
  accepted: "bg-sky-100 text-sky-950",
  packed: "bg-sky-100 text-sky-950",
  dispatched: "bg-indigo-100 text-indigo-950",
  delivered: "bg-brand-100 text-brand-950",
  completed: "bg-brand-700 text-white",
  cancelled: "bg-stone-200 text-stone-900",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-flex shrink-0 rounded-full px-2.5 py-0.5 text-sm font-semibold ${TONES[status]}`}>
      {t(`orders.status.${status}`)}
    </span>
  );
}
