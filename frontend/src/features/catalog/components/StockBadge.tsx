import { useTranslation } from "react-i18next";
import type { CatalogItem } from "@/lib/api-schemas";

const STYLES: Record<CatalogItem["availability"], string> = {
  in_stock: "bg-brand-100 text-brand-900",
  low_stock: "bg-amber-100 text-amber-950",
  out_of_stock: "bg-stone-200 text-stone-800",
};

export function StockBadge({ availability }: { availability: CatalogItem["availability"] }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${STYLES[availability]}`}>
      {t(`catalog.availability.${availability}`)}
    </span>
  );
}
