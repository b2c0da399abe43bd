import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { LinkButton } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { paymentQuery } from "../api/checkout";
import { PaymentStatusPanel } from "../components/PaymentStatusPanel";
import { paymentState, pollInterval } from "../lib/payment-status";

/** The live state of one checkout payment: polled while the phone asks and while it is confirmed. */
export function PaymentRoute() {
  const { t } = useTranslation();
  const { paymentId = "" } = useParams();
  const [watchingSince, setWatchingSince] = useState(() => Date.now());
  const stopped = useRef(false);
  const payment = useQuery({
    ...paymentQuery(paymentId),
    refetchInterval: (query) => {
      const interval = pollInterval(query.state.data, Date.now() - watchingSince);
      stopped.current = interval === false;
      return interval;
    },
    refetchIntervalInBackground: false,
  });

  if (payment.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-3">
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  }
  if (payment.isError) {
    return (
      <ErrorState
        error={payment.error}
        onRetry={() => void payment.refetch()}
        action={<LinkButton to="/orders">{t("checkout.status.viewOrders")}</LinkButton>}
      />
    );
  }
  const data = payment.data;
  const kind = paymentState(data).kind;
  const pending = kind === "approve" || kind === "confirming";

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <PageTitle lead={<Money amount={data.amount} currency={data.currency} className="font-semibold" />}>
        {t("checkout.status.title")}
      </PageTitle>
      <div aria-live="polite">
        <PaymentStatusPanel
          payment={data}
          stoppedWatching={pending && stopped.current && !payment.isFetching}
          onCheckAgain={() => {
            setWatchingSince(Date.now());
            void payment.refetch();
          }}
        />
      </div>
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
    </div>
  );
}
