import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import type { Order } from "../api/types";

export function DeliveryDetails({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { delivery } = order;
  const address = delivery.address ? [delivery.address.line, delivery.address.city].filter(Boolean).join(", ") : null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      <dt className="text-stone-700">{t("orders.delivery.method")}</dt>
      <dd>{t(`cart.delivery.${delivery.method}`)}</dd>
      {address ? (
        <>
          <dt className="text-stone-700">{t("orders.delivery.address")}</dt>
          <dd>{address}</dd>
        </>
      ) : null}
      {delivery.expected_delivery_date ? (
        <>
          <dt className="text-stone-700">{t("orders.delivery.expected")}</dt>
          <dd>
            <DateTime iso={delivery.expected_delivery_date} />
          </dd>
        </>
      ) : (
        <>
          <dt className="text-stone-700">{t("orders.delivery.leadTime")}</dt>
          <dd>{t("cart.delivery.leadTime", { count: delivery.lead_time_days })}</dd>
        </>
      )}
      {delivery.driver_name ? (
        <>
          <dt className="text-stone-700">{t("orders.delivery.driver")}</dt>
          <dd>
            {delivery.driver_name}
            {delivery.driver_phone ? (
              <>
                {" · "}
                <a href={`tel:${delivery.driver_phone}`} className="font-semibold text-brand-800 underline">
                  {delivery.driver_phone}
                </a>
              </>
            ) : null}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
