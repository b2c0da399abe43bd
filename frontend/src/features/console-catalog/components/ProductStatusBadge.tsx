import { useTranslation } from "react-i18next";
import type { ProductStatus } from "../api/types";

const TONES: Record<ProductStatus, string> = {
  draft: "bg-stone-200 text-stone-900",
  active: "bg-brand-100 text-brand-950",
  archived: "bg-amber-100 text-amber-950",
};

export function ProductStatusBadge({ status }: { status: ProductStatus }) {
  const { t } = useTranslation("consoleCatalog");
  return (
    <span className={`inline-flex shrink-0 rounded-full px-2.5 py-0.5 text-sm font-semibold ${TONES[status]}`}>
      {t(`status.${status}`)}
    </span>
  );
}

export function LowStockBadge() {
  const { t } = useTranslation("consoleCatalog");
  return (
    <span className="inline-flex shrink-0 rounded-full bg-red-100 px-2.5 py-0.5 text-sm font-semibold text-red-900">
      {t("stock.lowBadge")}
    </span>
  );
}
