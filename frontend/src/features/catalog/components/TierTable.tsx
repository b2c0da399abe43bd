import { useTranslation } from "react-i18next";
import { Money } from "@/components/Money";
import type { PriceTier } from "@/lib/api-schemas";
import { tierAt, tierRanges } from "@/lib/tiers";

interface TierTableProps {
  tiers: PriceTier[];
  quantity: number;
  currency: string;
  unit: string;
}

export function TierTable({ tiers, quantity, currency, unit }: TierTableProps) {
  const { t } = useTranslation();
  const current = tierAt(tiers, quantity);
  return (
    <table className="w-full border-collapse text-left">
      <caption className="mb-2 text-left text-lg font-semibold">{t("product.tiers.title")}</caption>
      <thead>
        <tr className="border-b border-stone-300 text-sm text-stone-700">
          <th scope="col" className="py-2 pr-2 font-semibold">
            {t("product.tiers.quantity", { unit })}
          </th>
          <th scope="col" className="py-2 text-right font-semibold">
            {t("product.tiers.unitPrice")}
          </th>
        </tr>
      </thead>
      <tbody>
        {tierRanges(tiers).map((range) => {
          const active = current?.min_quantity === range.from;
          return (
            <tr key={range.from} className={`border-b border-stone-200 ${active ? "bg-brand-50 font-semibold" : ""}`}>
              <td className="py-2 pr-2">
                {range.to === null
                  ? t("product.tiers.andMore", { from: range.from })
                  : t("product.tiers.range", { from: range.from, to: range.to })}
                {active ? <span className="sr-only"> {t("product.tiers.yours")}</span> : null}
              </td>
              <td className="py-2 text-right">
                <Money amount={range.unitPrice} currency={currency} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
