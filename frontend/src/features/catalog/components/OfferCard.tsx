import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Money } from "@/components/Money";
import { AddToCartButton } from "@/features/cart/components/AddToCartButton";
import type { Offer } from "@/lib/api-schemas";
import { orderableQuantity } from "@/lib/tiers";

export function OfferCard({ offer, isBest }: { offer: Offer; isBest: boolean }) {
  const { t } = useTranslation();
  const place = [offer.wholesaler.city, offer.wholesaler.region].filter(Boolean).join(", ");
  return (
    <li
      className={`flex flex-col gap-2 rounded-xl border bg-white p-4 ${isBest ? "border-2 border-brand-700" : "border-stone-200"}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-lg font-semibold">{offer.wholesaler.name}</h2>
          <p className="text-sm text-stone-700">
            {place}
            {offer.wholesaler.verified ? ` · ✓ ${t("product.verifiedWholesaler")}` : ""}
          </p>
        </div>
        {isBest ? (
          <span className="rounded-full bg-brand-700 px-3 py-1 text-sm font-semibold text-white">
            {t("compare.best")}
          </span>
        ) : null}
      </div>
      <p>
        <Money amount={offer.unit_price} currency={offer.currency} className="text-2xl font-bold" />{" "}
        <span className="text-stone-700">{t("catalog.perUnit", { unit: offer.unit_of_sale })}</span>
      </p>
      <p className="text-stone-800">
        {t("compare.lineTotal", { quantity: offer.quantity })}{" "}
        <Money amount={offer.line_total} currency={offer.currency} className="font-semibold" />
      </p>
      <div className="flex flex-col gap-1 text-sm">
        {offer.meets_min_order ? null : (
          <p className="font-semibold text-amber-900">{t("compare.belowMinimum", { count: offer.min_order_qty })}</p>
        )}
        {offer.can_fulfil ? null : (
          <p className="font-semibold text-amber-900">{t("compare.notEnoughStock", { count: offer.available_quantity })}</p>
        )}
        <p className="text-stone-700">
          {offer.lead_time_days > 0 ? t("product.leadTime", { count: offer.lead_time_days }) : t("product.leadTimeSameDay")}
        </p>
      </div>
      {offer.can_fulfil ? (
        <AddToCartButton
          productId={offer.product_id}
          quantity={orderableQuantity(offer.quantity, {
            minOrderQty: offer.min_order_qty,
            orderIncrement: offer.order_increment,
          })}
          unit={offer.unit_of_sale}
        />
      ) : null}
      <Link to={`/products/${offer.product_id}`} className="self-start py-2 font-semibold text-brand-800 underline">
        {t("compare.viewProduct")}
      </Link>
    </li>
  );
}
