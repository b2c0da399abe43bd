import { useTranslation } from "react-i18next";
import type { ProductDetail } from "@/lib/api-schemas";
import { formatNumber } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";
import { StockBadge } from "./StockBadge";

interface StockInfoProps {
  product: ProductDetail;
  quantity: number;
}

export function StockInfo({ product, quantity }: StockInfoProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const available = product.available_quantity;
  return (
    <div className="flex flex-col gap-1">
      <p className="flex flex-wrap items-center gap-2">
        <StockBadge availability={product.availability} />
        {available > 0 ? (
          <span className="text-stone-800">
            {t("product.stock.available", { count: available, formatted: formatNumber(available, locale) })}
          </span>
        ) : null}
      </p>
      {available > 0 && quantity > available ? (
        <p className="text-sm font-semibold text-amber-900">
          {t("product.stock.moreThanAvailable", { count: available })}
        </p>
      ) : null}
      <p className="text-sm text-stone-700">
        {product.lead_time_days > 0
          ? t("product.leadTime", { count: product.lead_time_days })
          : t("product.leadTimeSameDay")}
      </p>
    </div>
  );
}
