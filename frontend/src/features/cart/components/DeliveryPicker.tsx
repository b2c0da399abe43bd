import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Money } from "@/components/Money";
import { useChooseDelivery } from "../api/cart";
import type { CartGroup, DeliveryMethod } from "../api/types";

interface DeliveryPickerProps {
  group: CartGroup;
  currency: string;
  onError: (error: unknown) => void;
}

const OPTION =
  "flex min-h-12 flex-1 cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 has-[:checked]:border-brand-700 " +
  "has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600";

/** Pickup or delivery from one wholesaler, with what each costs and when it is ready. */
export function DeliveryPicker({ group, currency, onError }: DeliveryPickerProps) {
  const { t } = useTranslation();
  const name = useId();
  const choose = useChooseDelivery();
  const { delivery } = group;
  const method = choose.isPending ? choose.variables.method : delivery.method;

  const pick = (next: DeliveryMethod) => {
    if (next !== delivery.method) choose.mutate({ wholesaler_id: group.wholesaler_id, method: next }, { onError });
  };

  return (
    <fieldset className="flex flex-col gap-2" aria-busy={choose.isPending || undefined}>
      <legend className="mb-1 text-sm font-semibold text-stone-800">
        {t("cart.delivery.legend", { name: group.wholesaler_name })}
      </legend>
      <div className="flex flex-col gap-2 sm:flex-row">
        {delivery.options.map((option) => (
          <label key={option} className={OPTION}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={method === option}
              onChange={() => pick(option)}
              className="size-5 accent-brand-700"
            />
            <span className="font-semibold">{t(`cart.delivery.${option}`)}</span>
          </label>
        ))}
      </div>
      <p className="text-sm text-stone-700">
        {delivery.method === "pickup" ? (
          [delivery.pickup_address, delivery.pickup_hours].filter(Boolean).join(" · ") || t("cart.delivery.pickupHint")
        ) : (
          <>
            {t("cart.delivery.fee")}{" "}
            {delivery.fee === "0.00" ? (
              <strong>{t("cart.delivery.free")}</strong>
            ) : (
              <Money amount={delivery.fee} currency={currency} className="font-semibold" />
            )}
            {delivery.address?.city ? ` · ${t("cart.delivery.to", { place: delivery.address.city })}` : ""}
          </>
        )}
      </p>
      <p className="text-sm text-stone-700">
        {delivery.lead_time_days > 0
          ? t("cart.delivery.leadTime", { count: delivery.lead_time_days })
          : t("cart.delivery.sameDay")}
      </p>
    </fieldset>
  );
}
