import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Money } from "@/components/Money";
import type { CartGroup } from "../api/types";
import { CartLineItem } from "./CartLineItem";
import { DeliveryPicker } from "./DeliveryPicker";
import { WarningList } from "./WarningList";

interface CartGroupSectionProps {
  group: CartGroup;
  currency: string;
  onError: (error: unknown) => void;
}

/** One wholesaler's lines: they become one order, with its own delivery and total. */
export function CartGroupSection({ group, currency, onError }: CartGroupSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {group.wholesaler_name}
      </h2>
      <WarningList warnings={group.warnings} currency={currency} />
      <ul className="divide-y divide-stone-200">
        {group.lines.map((line) => (
          <CartLineItem key={line.id} line={line} currency={currency} onError={onError} />
        ))}
      </ul>
      <DeliveryPicker group={group} currency={currency} onError={onError} />
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t border-stone-200 pt-3">
        <dt className="text-stone-700">{t("cart.subtotal")}</dt>
        <dd className="text-right">
          <Money amount={group.subtotal} currency={currency} />
        </dd>
        <dt className="text-stone-700">{t("cart.deliveryFee")}</dt>
        <dd className="text-right">
          <Money amount={group.delivery.fee} currency={currency} />
        </dd>
        <dt className="font-semibold">{t("cart.groupTotal", { name: group.wholesaler_name })}</dt>
        <dd className="text-right font-semibold">
          <Money amount={group.total} currency={currency} />
        </dd>
      </dl>
    </section>
  );
}
