import { useTranslation } from "react-i18next";
import { Money } from "@/components/Money";
import type { DeliveryOptions } from "../api/types";

/** The delivery options as staff see them (only the owner edits). */
export function DeliveryOptionsFacts({ options }: { options: DeliveryOptions }) {
  const { t } = useTranslation("consoleOrders");
  const no = t("business.delivery.off");
  return (
    <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
      <dt className="font-semibold text-stone-700">{t("business.delivery.pickupTitle")}</dt>
      <dd>{options.pickup_enabled ? [options.pickup_address, options.pickup_hours].filter(Boolean).join(" · ") : no}</dd>
      <dt className="font-semibold text-stone-700">{t("business.delivery.deliveryTitle")}</dt>
      <dd>
        {options.delivery_enabled ? (
          <>
            <Money amount={options.delivery_fee ?? "0.00"} /> · {(options.regions ?? []).join(", ")} ·{" "}
            {t("business.delivery.days", { count: options.lead_time_days ?? 1 })}
          </>
        ) : (
          no
        )}
      </dd>
      <dt className="font-semibold text-stone-700">{t("business.delivery.podTitle")}</dt>
      <dd>{options.pay_on_delivery_enabled ? t("business.delivery.on") : no}</dd>
    </dl>
  );
}
