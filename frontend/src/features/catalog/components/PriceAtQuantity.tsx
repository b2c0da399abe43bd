import { useTranslation } from "react-i18next";
import { Money } from "@/components/Money";
import type { ProductDetail } from "@/lib/api-schemas";
import { fromCents } from "@/lib/money";
import { lineTotalCents, tierAt } from "@/lib/tiers";

export function PriceAtQuantity({ product, quantity }: { product: ProductDetail; quantity: number }) {
  const { t } = useTranslation();
  const tier = tierAt(product.price_tiers, quantity);
  const unitPrice = tier?.unit_price ?? product.price_at_moq;
  return (
    <div aria-live="polite">
      <p>
        <Money amount={unitPrice} currency={product.currency} className="text-3xl font-bold" />{" "}
        <span className="text-stone-700">{t("catalog.perUnit", { unit: product.unit_of_sale })}</span>
      </p>
      <p className="text-stone-800">
        {t("product.totalFor", { quantity })}{" "}
        <Money
          amount={fromCents(lineTotalCents(product.price_tiers, quantity))}
          currency={product.currency}
          className="font-semibold"
        />
      </p>
    </div>
  );
}
