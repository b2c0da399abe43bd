import { useTranslation } from "react-i18next";
import { Skeleton } from "@/components/Skeleton";

export function ProductSkeleton() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" className="grid gap-6 lg:grid-cols-2">
      <span className="sr-only">{t("product.loading")}</span>
      <div className="flex flex-col gap-3">
        <Skeleton className="h-8 w-3/4" />
        <Skeleton className="h-5 w-1/2" />
        <Skeleton className="h-40 w-full" />
      </div>
      <div className="flex flex-col gap-3">
        <Skeleton className="h-10 w-1/2" />
        <Skeleton className="h-12 w-2/3" />
        <Skeleton className="h-24 w-full" />
      </div>
    </div>
  );
}
