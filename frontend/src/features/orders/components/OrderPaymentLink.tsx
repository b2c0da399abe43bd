import { useTranslation } from "react-i18next";
import { LinkButton } from "@/components/Button";
import type { OrderListItem } from "../api/types";

/**
 * An order still waiting for its mobile money leads to that payment's page: "pay now" when the
 * last request failed (the page asks again), otherwise "see the payment" to approve or follow it.
 */
export function OrderPaymentLink({ order, className }: { order: OrderListItem; className?: string }) {
  const { t } = useTranslation();
  if (order.status !== "pending_payment" || !order.payment) return null;
  const failed = order.payment.status === "failed";
  return (
    <LinkButton
      to={`/payments/${order.payment.id}`}
      variant={failed ? "primary" : "secondary"}
      className={className}
    >
      {failed ? t("orders.payNow") : t("orders.seePayment")}
    </LinkButton>
  );
}
