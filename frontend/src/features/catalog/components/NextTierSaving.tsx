import { useTranslation } from "react-i18next";
import type { PriceTier } from "@/lib/api-schemas";
import { formatMoney, formatPercent } from "@/lib/format";
import { fromCents } from "@/lib/money";
import { useLocale } from "@/lib/use-locale";
import { type OrderRules, nextTierOffer } from "@/lib/tiers";

interface NextTierSavingProps extends OrderRules {
  tiers: PriceTier[];
  quantity: number;
  unit: string;
  currency: string;
  onChoose: (quantity: number) => void;
}

/** The saving of the next price tier, spelled out, with a shortcut to its quantity. */
export function NextTierSaving({ tiers, quantity, unit, currency, onChoose, ...rules }: NextTierSavingProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const offer = nextTierOffer(tiers, quantity, rules);
  if (!offer) {
    return tiers.length > 1 ? <p className="text-sm font-semibold text-brand-800">{t("product.bestTier")}</p> : null;
  }
  return (
    <div role="status" className="flex flex-col items-start gap-2 rounded-lg bg-amber-50 p-3 text-amber-950">
      <p>
        {t("product.nextTier", {
          quantity: offer.quantity,
          price: formatMoney(offer.tier.unit_price, currency, locale),
          saving: formatMoney(fromCents(offer.unitSavingCents), currency, locale),
          unit,
          percent: formatPercent(offer.savingFraction, locale),
        })}
      </p>
      <button
        type="button"
        onClick={() => onChoose(offer.quantity)}
        className="min-h-11 rounded-lg border border-amber-400 bg-white px-3 text-sm font-semibold"
      >
        {t("product.chooseQuantity", { quantity: offer.quantity })}
      </button>
    </div>
  );
}
