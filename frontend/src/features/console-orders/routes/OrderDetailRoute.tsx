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
import { DeliveryDetails } from "@/features/orders/components/DeliveryDetails";
import { InvoiceButton } from "@/features/orders/components/InvoiceButton";
import { OrderLines } from "@/features/orders/components/OrderLines";
import { OrderStatusBadge } from "@/features/orders/components/OrderStatusBadge";
import { OrderTimeline } from "@/features/orders/components/OrderTimeline";
import { useCanWrite } from "@/lib/audience";
import { orderQuery } from "../api/order";
import type { Order } from "../api/types";
import { CollectionForm } from "../components/CollectionForm";
import { Collections } from "../components/Collections";
import { OrderActions } from "../components/OrderActions";
import { PaymentBadge } from "../components/PaymentBadge";
import { canRecordCollection } from "../lib/transitions";

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function OrderView({ order }: { order: Order }) {
  const { t } = useTranslation("consoleOrders");
  const canWrite = useCanWrite();
  return (
    <div className="flex flex-col gap-4">
      <PageTitle
        lead={
          <span className="flex flex-wrap items-center gap-2">
            <OrderStatusBadge status={order.status} />
            <span>
              {order.retailer_name} · <DateTime iso={order.placed_at ?? order.created_at} style="dateTime" />
            </span>
          </span>
        }
      >
        {t("detail.title", { number: order.number })}
      </PageTitle>
      {order.status === "cancelled" && order.cancel_reason ? (
        <Alert tone="warning" title={t("detail.cancelled")}>
          “{order.cancel_reason}”
        </Alert>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="flex flex-col gap-4">
          <Card title={t("detail.pick", { count: order.lines.length })}>
            <OrderLines order={order} />
          </Card>
          <Card title={t("detail.delivery")}>
            <p className="font-semibold">{order.retailer_name}</p>
            <DeliveryDetails order={order} />
            {order.delivery.vehicle ? (
              <p>
                <span className="text-stone-700">{t("detail.vehicle")}</span> <span className="font-semibold">{order.delivery.vehicle}</span>
              </p>
            ) : null}
          </Card>
          <Card title={t("detail.timeline")}>
            <OrderTimeline order={order} />
            <Collections order={order} />
          </Card>
        </div>
        <aside aria-label={t("detail.actions")} className="order-first flex flex-col gap-3 lg:order-none">
          <div className="flex items-end justify-between gap-3 rounded-xl border border-stone-200 bg-white p-4">
            <PaymentBadge method={order.payment_method} status={order.payment_status} />
            <Money amount={order.total} currency={order.currency} className="text-2xl font-bold" />
          </div>
          {canWrite ? <OrderActions order={order} /> : null}
          {canWrite && canRecordCollection(order) ? <CollectionForm order={order} /> : null}
          {order.invoice_number ? <InvoiceButton orderId={order.id} invoiceNumber={order.invoice_number} /> : null}
        </aside>
      </div>
    </div>
  );
}

export function OrderDetailRoute() {
  const { t } = useTranslation("consoleOrders");
  const { orderId = "" } = useParams();
  const order = useQuery(orderQuery(orderId));
  return (
    <div className="flex flex-col gap-3">
      <Link to="/console/orders" className="self-start py-2 font-semibold text-brand-800 underline">
        ← {t("detail.back")}
      </Link>
      {order.isPending ? (
        <div aria-busy="true" className="flex flex-col gap-3">
          <span className="sr-only">{t("detail.loading")}</span>
          <Skeleton className="h-8 w-1/2" />
          <Skeleton className="h-48 w-full" />
        </div>
      ) : null}
      {order.isError ? (
        <ErrorState
          error={order.error}
          onRetry={() => void order.refetch()}
          action={<LinkButton to="/console/orders">{t("detail.back")}</LinkButton>}
        />
      ) : null}
      {order.data ? <OrderView order={order.data} /> : null}
    </div>
  );
}
