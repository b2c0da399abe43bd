import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { formatNumber } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";

interface LoadMoreProps {
  shown: number;
  total: number;
  hasMore: boolean;
  isLoading: boolean;
  onLoadMore: () => void;
}

export function LoadMore({ shown, total, hasMore, isLoading, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="mt-4 flex flex-col items-center gap-2">
      <p className="text-sm text-stone-700">
        {t("catalog.shownOfTotal", { shown: formatNumber(shown, locale), total: formatNumber(total, locale) })}
      </p>
      {hasMore ? (
        <Button variant="secondary" isLoading={isLoading} onClick={onLoadMore} className="w-full sm:w-auto">
          {t("catalog.loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
