import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { ApiError } from "@/lib/api-error";
import { useSessionStore } from "@/lib/session-store";
import {
  type Interval,
  type Plan,
  type Subscription,
  changePreviewQuery,
  plansQuery,
  subscriptionQuery,
  useChangeSubscription,
  useStartSubscription,
} from "../api/subscription";
import { BillingErrorSummary } from "../components/BillingErrorSummary";
import { ChangeSummary } from "../components/ChangeSummary";
import { IntervalToggle } from "../components/IntervalToggle";
import { PayerForm } from "../components/PayerForm";
import { PlanCard } from "../components/PlanCard";
import { priceOf } from "../lib/plan-price";
import type { Notice } from "../lib/notice";

/** Subscriptions that no longer hold a plan: choosing one starts a new subscription. */
const STARTABLE = new Set<Subscription["status"]>(["incomplete", "cancelled", "expired"]);

function StartPlan({
  plan,
  interval,
  trial,
  onDone,
}: {
  plan: Plan;
  interval: Interval;
  trial: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSessionStore((state) => state.session);
  const start = useStartSubscription();
  const phone = session?.user.phone ?? session?.business?.phone ?? "";
  return (
    <PayerForm
      defaultPhone={phone}
      summary={
        trial ? (
          <Alert title={t("subscription.start.trialTitle", { count: plan.trial_days })}>
            {t("subscription.start.trialLead")}
          </Alert>
        ) : (
          <Alert title={t("subscription.start.payTitle")}>
            <p>
              {t("subscription.start.payNow")}{" "}
              <Money amount={priceOf(plan, interval)} currency={plan.currency} className="font-semibold" />{" "}
              {t(`subscription.plans.per.${interval}`)}.
            </p>
            <p className="mt-1">{t("subscription.start.payLead")}</p>
          </Alert>
        )
      }
      submitLabel={trial ? t("subscription.start.submitTrial") : t("subscription.start.submitPay")}
      isPending={start.isPending}
      error={start.error}
      onCancel={onDone}
      onSubmit={async ({ provider, payer_phone }) => {
        const result = await start.mutateAsync({ plan_code: plan.code, interval, provider, payer_phone, trial });
        if (result.payment_id) {
          await navigate(`/subscription?payment=${result.payment_id}`);
          return;
        }
        const notice: Notice = { notice: result.subscription.status === "trialing" ? "trialStarted" : "started" };
        await navigate("/subscription", { state: notice });
      }}
    />
  );
}

function ChangePlan({
  subscription,
  plan,
  interval,
  onDone,
}: {
  subscription: Subscription;
  plan: Plan;
  interval: Interval;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const change = useChangeSubscription();
  const preview = useQuery(changePreviewQuery(plan.code, interval));
  if (preview.isPending) return <Skeleton className="h-28 w-full rounded-xl" />;
  if (preview.isError) {
    if (preview.error instanceof ApiError && preview.error.code === "no_change") {
      return <Alert>{t("subscription.change.current")}</Alert>;
    }
    const details = preview.error instanceof ApiError ? preview.error.details : [];
    return (
      <div className="flex flex-col gap-3">
        <BillingErrorSummary error={preview.error} unplaced={details} />
        <Button variant="secondary" onClick={onDone}>
          {t("actions.cancel")}
        </Button>
      </div>
    );
  }
  const { outcome } = preview.data;
  const confirm = () =>
    change.mutate(
      { plan_code: plan.code, interval },
      {
        onSuccess: (result) => {
          if (result.payment_id) {
            void navigate(`/subscription?payment=${result.payment_id}`);
            return;
          }
          const kind: Notice["notice"] =
            outcome === "withdraw_scheduled" ? "withdrawn" : outcome === "at_period_end" ? "scheduled" : "changed";
          void navigate("/subscription", { state: { notice: kind } satisfies Notice });
        },
      },
    );
  return (
    <div className="flex flex-col gap-3">
      <ChangeSummary preview={preview.data} subscription={subscription} />
      <BillingErrorSummary error={change.error} unplaced={change.error instanceof ApiError ? change.error.details : []} />
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button isLoading={change.isPending} onClick={confirm}>
          {outcome === "upgrade_now" ? t("subscription.change.confirmPay") : t("subscription.change.confirm")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("actions.cancel")}
        </Button>
      </div>
    </div>
  );
}

/** Why the plan cannot be changed now, and where to go instead; null when it can. */
function changeBlocker(subscription: Subscription): "payFirst" | "resumeFirst" | null {
  if (subscription.open_invoice || ["past_due", "suspended"].includes(subscription.status)) return "payFirst";
  if (subscription.cancel_at_period_end) return "resumeFirst";
  return null;
}

/** Plans side by side (monthly or yearly), to start a subscription or change it. */
export function PlansRoute() {
  const { t } = useTranslation();
  const session = useSessionStore((state) => state.session);
  const audience = session?.business?.kind ?? "retailer";
  const isOwner = session?.user.role === "owner";
  const plans = useQuery(plansQuery(audience));
  const subscription = useQuery(subscriptionQuery);
  const [chosenInterval, setInterval] = useState<Interval | null>(null);
  const [selected, setSelected] = useState<{ code: string; trial: boolean } | null>(null);

  const found = subscription.data ?? null;
  /** The subscription a change applies to; null when choosing a plan starts a new one. */
  const current = found && !STARTABLE.has(found.status) ? found : null;
  const starting = current === null;
  const interval = chosenInterval ?? current?.interval ?? "month";
  const blocker = current ? changeBlocker(current) : null;

  const action = (plan: Plan): ReactNode => {
    if (!isOwner) return null;
    const isCurrent = current?.plan.id === plan.id && current.interval === interval;
    if (selected?.code === plan.code) {
      const done = () => setSelected(null);
      if (!current) return <StartPlan plan={plan} interval={interval} trial={selected.trial} onDone={done} />;
      return <ChangePlan subscription={current} plan={plan} interval={interval} onDone={done} />;
    }
    if (isCurrent && !current.scheduled_change) return null;
    if (blocker) return null;
    if (starting) {
      return (
        <>
          {plan.trial_days > 0 ? (
            <Button onClick={() => setSelected({ code: plan.code, trial: true })}>
              {t("subscription.plans.startTrial", { count: plan.trial_days })}
            </Button>
          ) : null}
          <Button
            variant={plan.trial_days > 0 ? "secondary" : "primary"}
            onClick={() => setSelected({ code: plan.code, trial: false })}
          >
            {plan.trial_days > 0 ? t("subscription.plans.payNowInstead") : t("subscription.plans.choose")}
          </Button>
        </>
      );
    }
    return (
      <Button
        variant={isCurrent ? "secondary" : "primary"}
        onClick={() => setSelected({ code: plan.code, trial: false })}
      >
        {isCurrent ? t("subscription.plans.keep") : t("subscription.plans.switch", { plan: plan.name })}
      </Button>
    );
  };

  const content = (): ReactNode => {
    if (plans.isPending || subscription.isPending) {
      return (
        <div className="grid gap-4 md:grid-cols-2" aria-busy="true">
          <Skeleton className="h-80 w-full rounded-2xl" />
          <Skeleton className="h-80 w-full rounded-2xl" />
        </div>
      );
    }
    if (plans.isError) return <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
    if (subscription.isError) {
      return <ErrorState error={subscription.error} onRetry={() => void subscription.refetch()} />;
    }
    if (plans.data.items.length === 0) return <Alert>{t("subscription.plans.none")}</Alert>;
    return (
      <div className="grid items-start gap-4 md:grid-cols-2">
        {plans.data.items.map((plan) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            interval={interval}
            isCurrent={current?.plan.id === plan.id}
          >
            {action(plan)}
          </PlanCard>
        ))}
      </div>
    );
  };

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <PageTitle lead={t(starting ? "subscription.plans.leadStart" : "subscription.plans.leadChange")}>
        {t("subscription.plans.title")}
      </PageTitle>
      <Link to="/subscription" className="self-start font-semibold text-brand-800 underline">
        {t("subscription.plans.back")}
      </Link>
      {!isOwner ? <Alert>{t("subscription.ownerOnly")}</Alert> : null}
      {blocker ? (
        <Alert tone="warning">
          {t(`subscription.plans.${blocker}`)}{" "}
          <Link to="/subscription" className="font-semibold underline">
            {t("subscription.plans.back")}
          </Link>
        </Alert>
      ) : null}
      <IntervalToggle
        value={interval}
        onChange={(next) => {
          setInterval(next);
          setSelected(null);
        }}
      />
      {content()}
    </div>
  );
}
