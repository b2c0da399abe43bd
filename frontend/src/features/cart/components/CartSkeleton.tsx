import { useTranslation } from "react-i18next";
import { Skeleton } from "@/components/Skeleton";

export function CartSkeleton() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" className="flex flex-col gap-4">
      <span className="sr-only">{t("cart.loading")}</span>
      {[0, 1].map((index) => (
        <div key={index} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
          <Skeleton className="h-6 w-1/2" />
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-2/3" />
        </div>
      ))}
    </div>
  );
}
