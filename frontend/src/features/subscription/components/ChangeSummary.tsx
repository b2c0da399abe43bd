import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { fromCents } from "@/lib/money";
import type { Interval, Plan, Subscription } from "../api/subscription";
import { type ChangePreview, priceOf } from "../lib/change-preview";

interface ChangeSummaryProps {
  preview: ChangePreview;
  subscription: Subscription;
  plan: Plan;
  interval: Interval;
}

/** What confirming the change does and costs, said before the owner confirms. */
export function ChangeSummary({ preview, subscription, plan, interval }: ChangeSummaryProps) {
  const { t } = useTranslation();
  const price = (
    <>
      <Money amount={priceOf(plan, interval)} currency={plan.currency} className="font-semibold" />{" "}
      {t(`subscription.plans.per.${interval}`)}
    </>
  );
  switch (preview.kind) {
    case "current":
      return <Alert>{t("subscription.change.current")}</Alert>;
    case "withdraw":
      return <Alert>{t("subscription.change.withdraw")}</Alert>;
    case "now_in_trial":
      return (
        <Alert title={t("subscription.change.nowTitle")}>
          {t("subscription.change.inTrial")} {price}.
        </Alert>
      );
    case "upgrade_now":
      return (
        <Alert tone="warning" title={t("subscription.change.nowTitle")}>
          <p data-testid="proration">
            {t("subscription.change.upgradePay")}{" "}
            <Money amount={fromCents(preview.chargeCents)} currency={plan.currency} className="text-base font-bold" />{" "}
            {t("subscription.change.upgradeFor")} <DateTime iso={preview.periodEnd} />.
          </p>
          <p className="mt-1">
            {t("subscription.change.upgradePhone", { phone: subscription.payer_phone })} {t("subscription.change.then")}{" "}
            {price}.
          </p>
          <p className="mt-1 text-stone-800">{t("subscription.change.estimate")}</p>
        </Alert>
      );
    case "at_period_end":
      return (
        <Alert title={t("subscription.change.laterTitle")}>
          <p>
            {t("subscription.change.laterOn")} <DateTime iso={preview.effectiveAt} />.{" "}
            {t("subscription.change.laterNothingNow")} {price}.
          </p>
        </Alert>
      );
  }
}
