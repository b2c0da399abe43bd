import { useTranslation } from "react-i18next";
import type { PaymentMethod, PaymentStatus } from "../api/types";

const TONES: Record<PaymentStatus, string> = {
  awaiting: "text-amber-900",
  paid: "text-brand-800",
  to_collect: "text-amber-900",
  collected: "text-brand-800",
  not_due: "text-stone-700",
};

/** How the retailer pays and where that money stands, in one line. */
export function PaymentBadge({ method, status }: { method: PaymentMethod; status: PaymentStatus }) {
  const { t } = useTranslation("consoleOrders");
  return (
    <span className="flex flex-col text-sm">
      <span className="text-stone-800">{t(`payment.method.${method}`)}</span>
      <span className={`font-semibold ${TONES[status]}`}>{t(`payment.status.${status}`)}</span>
    </span>
  );
}
