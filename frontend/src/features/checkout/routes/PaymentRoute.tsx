import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { LinkButton } from "@/components/Button";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { PaymentStatusPanel } from "@/components/payment/PaymentStatusPanel";
import { paymentQuery } from "@/lib/payments/api";
import type { PaymentState } from "@/lib/payments/payment-state";

const ORDERS_KEY = ["orders"] as const;

/** The live state of one checkout payment, and the orders it pays for. */
export function PaymentRoute() {
  const { t } = useTranslation();
  const { paymentId = "" } = useParams();
  const payment = useQuery({ ...paymentQuery(paymentId), enabled: false });
  const data = payment.data;

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <PageTitle lead={data ? <Money amount={data.amount} currency={data.currency} className="font-semibold" /> : undefined}>
        {t("checkout.status.title")}
      </PageTitle>
      <PaymentStatusPanel paymentId={paymentId} next={(state) => <CheckoutNextStep state={state} />} refreshOnSettle={ORDERS_KEY} />
      {data ? (
        <section aria-labelledby="payment-orders" className="rounded-xl border border-stone-200 bg-white p-4">
          <h2 id="payment-orders" className="mb-2 text-lg font-semibold">
            {t("checkout.orders", { count: data.orders.length })}
          </h2>
          <ul className="flex flex-col gap-2">
            {data.orders.map((order) => (
              <li key={order.id} className="flex items-center justify-between gap-3">
                <Link to={`/orders/${order.id}`} className="font-semibold text-brand-800 underline">
                  {order.number}
                </Link>
                <Money amount={order.total} currency={data.currency} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** What the checkout adds to the payment's state: the orders are held, released, or placed. */
function CheckoutNextStep({ state }: { state: PaymentState }) {
  const { t } = useTranslation();
  switch (state.kind) {
    case "approve":
      return <p className="text-sm text-stone-700">{t("checkout.status.held")}</p>;
    case "confirmed":
      return (
        <LinkButton to="/orders" className="self-start">
          {t("checkout.status.viewOrders")}
        </LinkButton>
      );
    case "failed":
      return state.canRetry ? null : (
        <>
          <p>{t("checkout.status.released")}</p>
          <LinkButton to="/cart" variant="secondary" className="self-start">
            {t("checkout.status.backToCart")}
          </LinkButton>
        </>
      );
    default:
      return null;
  }
}
