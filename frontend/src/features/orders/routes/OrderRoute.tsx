import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/Alert";
import { LinkButton } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { ErrorState } from "@/components/ErrorState";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { orderQuery } from "../api/orders";
import type { Order } from "../api/types";
import { CancelOrder } from "../components/CancelOrder";
import { ConfirmReceipt } from "../components/ConfirmReceipt";
import { DeliveryDetails } from "../components/DeliveryDetails";
import { InvoiceButton } from "../components/InvoiceButton";
import { OrderLines } from "../components/OrderLines";
import { OrderPaymentLink } from "../components/OrderPaymentLink";
import { OrderStatusBadge } from "../components/OrderStatusBadge";
import { OrderTimeline } from "../components/OrderTimeline";
import { ReorderButton } from "../components/ReorderButton";
import { retailerActions } from "../lib/timeline";

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function OrderView({ order }: { order: Order }) {
  const { t } = useTranslation();
  const actions = retailerActions(order);
  return (
    <div className="flex flex-col gap-4">
      <PageTitle
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <OrderStatusBadge status={order.status} />
            <span>
              {order.wholesaler_name} · <DateTime iso={order.created_at} />
            </span>
          </span>
        }
      >
        {t("orders.detailTitle", { number: order.number })}
      </PageTitle>
      {order.status === "pending_payment" && order.expires_at ? (
        <Alert tone="warning">
          <p>
            {t("orders.awaitingPayment")} <DateTime iso={order.expires_at} style="dateTime" />
          </p>
          <OrderPaymentLink order={order} className="mt-2 w-full sm:w-auto" />
        </Alert>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="flex flex-col gap-4">
          {actions.confirmReceipt ? <ConfirmReceipt orderId={order.id} /> : null}
          <Card title={t("orders.timelineTitle")}>
            <OrderTimeline order={order} />
          </Card>
          <Card title={t("orders.delivery.title")}>
            <DeliveryDetails order={order} />
          </Card>
          <Card title={t("orders.items")}>
            <OrderLines order={order} />
          </Card>
          {order.refunds.length > 0 ? (
            <Card title={t("orders.refunds.title")}>
              <ul className="flex flex-col gap-2">
                {order.refunds.map((refund) => (
                  <li key={refund.id} className="flex justify-between gap-3">
                    <span>{t(`orders.refunds.${refund.status}`)}</span>
                    <Money amount={refund.amount} currency={refund.currency} className="font-semibold" />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
        <aside aria-label={t("orders.actions")} className="flex flex-col gap-3">
          <p className="rounded-xl border border-stone-200 bg-white p-4">
            <span className="block text-stone-700">{t(`orders.payment.${order.payment_method}`)}</span>
            <Money amount={order.total} currency={order.currency} className="text-2xl font-bold" />
          </p>
          {actions.reorder ? <ReorderButton orderId={order.id} /> : null}
          {actions.invoice && order.invoice_number ? (
            <InvoiceButton orderId={order.id} invoiceNumber={order.invoice_number} />
          ) : null}
          {actions.cancel ? <CancelOrder orderId={order.id} number={order.number} /> : null}
        </aside>
      </div>
    </div>
  );
}

export function OrderRoute() {
  const { t } = useTranslation();
  const { orderId = "" } = useParams();
  const order = useQuery(orderQuery(orderId));
  return (
    <div className="flex flex-col gap-3">
      <Link to="/orders" className="self-start py-2 font-semibold text-brand-800 underline">
        ← {t("orders.back")}
      </Link>
      {order.isPending ? (
        <div aria-busy="true" className="flex flex-col gap-3">
          <span className="sr-only">{t("orders.loading")}</span>
          <Skeleton className="h-8 w-1/2" />
          <Skeleton className="h-48 w-full" />
        </div>
      ) : null}
      {order.isError ? (
        <ErrorState
          error={order.error}
          onRetry={() => void order.refetch()}
          action={<LinkButton to="/orders">{t("orders.back")}</LinkButton>}
        />
      ) : null}
      {order.data ? <OrderView order={order.data} /> : null}
    </div>
  );
}
