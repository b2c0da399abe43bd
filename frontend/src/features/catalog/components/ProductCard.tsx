import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Money } from "@/components/Money";
import type { CatalogItem } from "@/lib/api-schemas";
import { ProductImage } from "./ProductImage";
import { StockBadge } from "./StockBadge";

export function ProductCard({ item }: { item: CatalogItem }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <li>
      <Link
        to={`/products/${item.id}`}
        state={{ backTo: pathname + search }}
        className="flex h-full gap-3 rounded-xl border border-stone-200 bg-white p-3 hover:border-brand-600"
      >
        <ProductImage urls={item.image_urls} name={item.name} />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <h3 className="leading-snug font-semibold text-stone-900">{item.name}</h3>
          <p className="text-sm text-stone-700">
            {item.brand ? `${item.brand} · ` : ""}
            {item.unit_of_sale}
          </p>
          <p>
            <Money amount={item.price_at_moq} currency={item.currency} className="text-lg font-bold" />{" "}
            <span className="text-sm text-stone-700">{t("catalog.perUnit", { unit: item.unit_of_sale })}</span>
          </p>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-700">
            <StockBadge availability={item.availability} />
            {item.min_order_qty > 1 ? <span>{t("catalog.minOrder", { count: item.min_order_qty })}</span> : null}
          </div>
          <p className="truncate text-sm text-stone-700">{item.wholesaler.name}</p>
        </div>
      </Link>
    </li>
  );
}
