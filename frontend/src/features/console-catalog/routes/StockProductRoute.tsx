import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { LinkButton } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { useCanWrite } from "@/lib/audience";
import { productQuery } from "../api/products";
import { ListSkeleton } from "../components/ListSkeleton";
import { MovementsList } from "../components/MovementsList";
import { LowStockBadge, ProductStatusBadge } from "../components/ProductStatusBadge";
import { StockChangeForm } from "../components/StockChangeForm";
import { ThresholdForm } from "../components/ThresholdForm";

export function StockProductRoute() {
  const { t } = useTranslation("consoleCatalog");
  const { productId = "" } = useParams();
  const canWrite = useCanWrite();
  const product = useQuery(productQuery(productId));

  const body = () => {
    if (product.isPending) return <ListSkeleton label={t("stock.loading")} rows={3} />;
    if (product.isError) {
      return (
        <ErrorState
          error={product.error}
          onRetry={() => void product.refetch()}
          action={
            <LinkButton to="/console/stock" variant="ghost">
              {t("stock.back")}
            </LinkButton>
          }
        />
      );
    }
    const current = product.data;
    return (
      <>
        <PageTitle lead={t("list.sku", { sku: current.sku })}>{t("title.stockOf", { name: current.name })}</PageTitle>
        <div className="flex flex-wrap items-center gap-2">
          <ProductStatusBadge status={current.status} />
          {current.low_stock ? <LowStockBadge /> : null}
          <p className="text-lg font-semibold" aria-live="polite">
            {t("stock.onHandOfThreshold", { stock: current.stock_on_hand, threshold: current.low_stock_threshold })}
          </p>
          <Link to={`/console/products/${current.id}`} className="inline-flex min-h-11 items-center px-2 font-semibold text-brand-800 underline">
            {t("stock.editProduct")}
          </Link>
        </div>
        {canWrite ? (
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:items-start">
            <StockChangeForm key={current.id} productId={current.id} stockOnHand={current.stock_on_hand} />
            <ThresholdForm key={current.id} product={current} />
          </div>
        ) : null}
        <MovementsList productId={current.id} />
      </>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <Link to="/console/stock" className="inline-flex min-h-11 items-center self-start font-semibold text-brand-800 underline">
        {t("stock.back")}
      </Link>
      {body()}
    </div>
  );
}
