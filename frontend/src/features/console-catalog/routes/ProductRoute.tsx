import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { useCanWrite } from "@/lib/audience";
import { errorMessage } from "@/lib/error-message";
import { productQuery, useUpdateProduct } from "../api/products";
import type { Product } from "../api/types";
import { ImageManager } from "../components/ImageManager";
import { ListSkeleton } from "../components/ListSkeleton";
import { ProductForm } from "../components/ProductForm";
import { LowStockBadge, ProductStatusBadge } from "../components/ProductStatusBadge";
import { RemoveProduct } from "../components/RemoveProduct";
import { bodyOf, valuesOf } from "../lib/product-form";

function wasCreated(state: unknown): boolean {
  return typeof state === "object" && state !== null && "created" in state && state.created === true;
}

function PublishBar({ product }: { product: Product }) {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const update = useUpdateProduct();
  const target = product.status === "active" ? "draft" : "active";
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <ProductStatusBadge status={product.status} />
        {product.low_stock ? <LowStockBadge /> : null}
        <span className="text-stone-800">{t("list.units", { count: product.stock_on_hand })}</span>
        <Button
          variant={target === "active" ? "primary" : "secondary"}
          isLoading={update.isPending}
          onClick={() => {
            update.mutate({ id: product.id, body: { status: target } });
          }}
        >
          {t(target === "active" ? "list.publish" : "list.unpublish")}
        </Button>
        <LinkButton to={`/console/stock/${product.id}`} variant="ghost">
          {t("form.toStock")}
        </LinkButton>
      </div>
      {update.isError ? <Alert tone="error">{errorMessage(tApp, update.error)}</Alert> : null}
    </div>
  );
}

export function ProductRoute() {
  const { t } = useTranslation("consoleCatalog");
  const { productId = "" } = useParams();
  const created = wasCreated(useLocation().state);
  const canWrite = useCanWrite();
  const product = useQuery(productQuery(productId));
  const update = useUpdateProduct();

  const body = () => {
    if (product.isPending) return <ListSkeleton label={t("form.loading")} rows={4} />;
    if (product.isError) {
      return (
        <ErrorState
          error={product.error}
          onRetry={() => void product.refetch()}
          action={
            <LinkButton to="/console/products" variant="ghost">
              {t("form.back")}
            </LinkButton>
          }
        />
      );
    }
    const current = product.data;
    return (
      <>
        <PageTitle lead={t("list.sku", { sku: current.sku })}>{current.name}</PageTitle>
        {created ? <Alert tone="success" title={t("form.created")}>{t("form.createdHint")}</Alert> : null}
        {canWrite ? <PublishBar product={current} /> : null}
        <ImageManager product={current} canWrite={canWrite} />
        <ProductForm
          key={current.id}
          initial={valuesOf(current)}
          submitLabel={t("form.save")}
          isSaving={update.isPending}
          error={update.error}
          readOnly={!canWrite}
          onSave={async (values, changed) => {
            const body = bodyOf(values);
            const saved = await update.mutateAsync({
              id: current.id,
              body: Object.fromEntries(changed.map((name) => [name, body[name]])),
            });
            return valuesOf(saved);
          }}
        />
        {update.isSuccess ? <Alert tone="success">{t("form.saved")}</Alert> : null}
        {canWrite ? <RemoveProduct product={current} /> : null}
      </>
    );
  };

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <Link to="/console/products" className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
        {t("form.back")}
      </Link>
      {body()}
    </div>
  );
}
