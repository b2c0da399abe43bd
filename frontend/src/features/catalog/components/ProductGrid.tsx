import { useTranslation } from "react-i18next";
import { Skeleton } from "@/components/Skeleton";
import type { CatalogItem } from "@/lib/api-schemas";
import { ProductCard } from "./ProductCard";

const GRID = "grid gap-3 sm:grid-cols-2 xl:grid-cols-3";

export function ProductGrid({ items, label }: { items: CatalogItem[]; label: string }) {
  return (
    <div>
      <h2 className="sr-only">{label}</h2>
      <ul aria-label={label} className={GRID}>
        {items.map((item) => (
          <ProductCard key={item.id} item={item} />
        ))}
      </ul>
    </div>
  );
}

export function ProductGridSkeleton({ count = 6 }: { count?: number }) {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" className={GRID}>
      <span className="sr-only">{t("catalog.loadingProducts")}</span>
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="flex gap-3 rounded-xl border border-stone-200 bg-white p-3">
          <Skeleton className="size-20 shrink-0" />
          <div className="flex flex-1 flex-col gap-2">
            <Skeleton className="h-5 w-4/5" />
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-6 w-2/5" />
            <Skeleton className="h-4 w-3/5" />
          </div>
        </div>
      ))}
    </div>
  );
}
