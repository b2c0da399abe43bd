import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import type { ChangePreview, Subscription } from "../api/subscription";

interface ChangeSummaryProps {
  /** The API's answer to "what would this change do now". */
  preview: ChangePreview;
  subscription: Subscription;
}

/** What confirming the change does and costs, said before the owner confirms. */
export function ChangeSummary({ preview, subscription }: ChangeSummaryProps) {
  const { t } = useTranslation();
  const price = (
    <>
      <Money amount={preview.new_price} currency={preview.currency} className="font-semibold" />{" "}
      {t(`subscription.plans.per.${preview.interval}`)}
    </>
  );
  switch (preview.outcome) {
    case "withdraw_scheduled":
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
            <Money amount={preview.charge_now} currency={preview.currency} className="text-base font-bold" />{" "}
            {t("subscription.change.upgradeFor")} <DateTime iso={subscription.current_period_end} />.
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
            {t("subscription.change.laterOn")} <DateTime iso={preview.effective_at} />.{" "}
            {t("subscription.change.laterNothingNow")} {price}.
          </p>
        </Alert>
      );
  }
}
