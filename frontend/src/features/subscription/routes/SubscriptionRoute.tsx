import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { PaymentStatusPanel } from "@/components/payment/PaymentStatusPanel";
import { useSessionStore } from "@/lib/session-store";
import { type Subscription, subscriptionQuery, usageQuery } from "../api/subscription";
import { CancelOrResume } from "../components/CancelOrResume";
import { CurrentPlan } from "../components/CurrentPlan";
import { EndTrial } from "../components/EndTrial";
import { InvoiceList } from "../components/InvoiceList";
import { OpenInvoice } from "../components/OpenInvoice";
import { UsageMeters } from "../components/UsageMeters";
import { type Notice, isNotice } from "../lib/notice";

const SUBSCRIPTION_KEY = ["subscription"] as const;
const LIVE = new Set<Subscription["status"]>(["trialing", "active", "past_due", "suspended", "incomplete"]);

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-2xl border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function UsageSection() {
  const { t } = useTranslation();
  const usage = useQuery(usageQuery);
  return (
    <Section title={t("subscription.usage.title")} id="usage-title">
      {usage.isPending ? (
        <div className="flex flex-col gap-3" aria-busy="true">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : usage.isError ? (
        <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />
      ) : (
        <UsageMeters usage={usage.data} />
      )}
    </Section>
  );
}

/** The business's plan, its use against the plan's limits, the open invoice, invoices, cancelling. */
export function SubscriptionRoute() {
  const { t } = useTranslation();
  const isOwner = useSessionStore((state) => state.session?.user.role === "owner");
  const subscription = useQuery(subscriptionQuery);
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const notice: Notice | null = isNotice(location.state) ? location.state : null;
  const paymentId = params.get("payment");
  const showPayment = (id: string) => setParams({ payment: id }, { replace: true });

  const content = (): ReactNode => {
    if (subscription.isPending) {
      return (
        <div className="flex flex-col gap-4" aria-busy="true">
          <Skeleton className="h-48 w-full rounded-2xl" />
          <Skeleton className="h-32 w-full rounded-2xl" />
        </div>
      );
    }
    if (subscription.isError) {
      return <ErrorState error={subscription.error} onRetry={() => void subscription.refetch()} />;
    }
    const current = subscription.data;
    if (!current) {
      return (
        <EmptyState
          title={t("subscription.none.title")}
          action={<LinkButton to="/subscription/plans">{t("subscription.none.action")}</LinkButton>}
        >
          {t(isOwner ? "subscription.none.lead" : "subscription.none.leadStaff")}
        </EmptyState>
      );
    }
    return (
      <>
        {paymentId ? (
          <PaymentStatusPanel
            key={paymentId}
            paymentId={paymentId}
            refreshOnSettle={SUBSCRIPTION_KEY}
            next={(state) => {
              const close = () => setParams({}, { replace: true });
              if (state.kind === "failed" && !state.canRetry && isOwner && current.open_invoice) {
                return (
                  <Button className="self-start" onClick={close}>
                    {t("subscription.payment.tryAgain")}
                  </Button>
                );
              }
              if (state.kind === "confirmed" || state.kind === "refunded") {
                return (
                  <button type="button" onClick={close} className="self-start py-2 font-semibold text-brand-800 underline">
                    {t("subscription.payment.dismiss")}
                  </button>
                );
              }
              return null;
            }}
          />
        ) : null}
        {paymentId && current.open_invoice ? null : (
          <OpenInvoice subscription={current} canPay={isOwner} onPaymentStarted={showPayment} />
        )}
        <CurrentPlan subscription={current} canChange={isOwner} />
        {isOwner && current.status === "trialing" && !current.open_invoice && !current.cancel_at_period_end && !paymentId ? (
          <Section title={t("subscription.endTrial.title")} id="end-trial-title">
            <EndTrial subscription={current} onPaymentStarted={showPayment} />
          </Section>
        ) : null}
        {LIVE.has(current.status) && current.status !== "incomplete" ? <UsageSection /> : null}
        <Section title={t("subscription.invoices.title")} id="invoices-title">
          <InvoiceList />
        </Section>
        {isOwner && LIVE.has(current.status) ? (
          <Section title={t("subscription.cancel.title")} id="cancel-title">
            <CancelOrResume subscription={current} />
          </Section>
        ) : null}
      </>
    );
  };

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <PageTitle lead={t("subscription.lead")}>{t("subscription.title")}</PageTitle>
      {notice ? <Alert tone="success">{t(`subscription.notice.${notice.notice}`)}</Alert> : null}
      {!isOwner ? <Alert>{t("subscription.ownerOnly")}</Alert> : null}
      {content()}
    </div>
  );
}
