import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { LinkButton } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { AddToCartButton } from "@/features/cart/components/AddToCartButton";
import type { ProductDetail } from "@/lib/api-schemas";
import { productQuery } from "../api/product";
import { NextTierSaving } from "../components/NextTierSaving";
import { PriceAtQuantity } from "../components/PriceAtQuantity";
import { ProductImage } from "../components/ProductImage";
import { ProductSkeleton } from "../components/ProductSkeleton";
import { QuantityStepper } from "@/components/QuantityStepper";
import { StockInfo } from "../components/StockInfo";
import { TierTable } from "../components/TierTable";
import { WholesalerCard } from "../components/WholesalerCard";
import { NO_FILTERS, searchHref } from "../lib/search-filters";
import { backLinkFrom } from "../lib/back-link";

function ProductView({ product }: { product: ProductDetail }) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState(product.min_order_qty);
  const rules = { minOrderQty: product.min_order_qty, orderIncrement: product.order_increment };
  const attributes = Object.entries(product.attributes).filter(([, value]) => typeof value === "string");

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
      <div className="flex flex-col gap-4">
        <div className="flex gap-4">
          <ProductImage urls={product.image_urls} name={product.name} className="size-24 sm:size-32" />
          <div>
            <PageTitle lead={[product.brand, product.unit_of_sale].filter(Boolean).join(" · ")}>{product.name}</PageTitle>
          </div>
        </div>
        <section className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4">
          <PriceAtQuantity product={product} quantity={quantity} />
          <QuantityStepper value={quantity} unit={product.unit_of_sale} onChange={setQuantity} {...rules} />
          <NextTierSaving
            tiers={product.price_tiers}
            quantity={quantity}
            unit={product.unit_of_sale}
            currency={product.currency}
            onChoose={setQuantity}
            {...rules}
          />
          <StockInfo product={product} quantity={quantity} />
          <AddToCartButton productId={product.id} quantity={quantity} unit={product.unit_of_sale} />
        </section>
        <section className="rounded-xl border border-stone-200 bg-white p-4">
          <TierTable
            tiers={product.price_tiers}
            quantity={quantity}
            currency={product.currency}
            unit={product.unit_of_sale}
          />
        </section>
        {product.description ? (
          <section className="rounded-xl border border-stone-200 bg-white p-4">
            <h2 className="mb-2 text-lg font-semibold">{t("product.description")}</h2>
            <p className="whitespace-pre-line text-stone-800">{product.description}</p>
          </section>
        ) : null}
      </div>
      <div className="flex flex-col gap-4">
        <WholesalerCard wholesaler={product.wholesaler_summary} />
        {product.gtin ? (
          <section className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4">
            <h2 className="text-lg font-semibold">{t("product.compare.title")}</h2>
            <p className="text-stone-700">{t("product.compare.lead")}</p>
            <LinkButton variant="secondary" to={`/compare?gtin=${product.gtin}&quantity=${quantity}`}>
              {t("product.compare.action")}
            </LinkButton>
          </section>
        ) : null}
        <section className="rounded-xl border border-stone-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">{t("product.details")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-stone-800">
            <dt className="text-stone-700">{t("product.sku")}</dt>
            <dd>{product.sku}</dd>
            {product.gtin ? (
              <>
                <dt className="text-stone-700">{t("product.barcode")}</dt>
                <dd>{product.gtin}</dd>
              </>
            ) : null}
            <dt className="text-stone-700">{t("product.packSize")}</dt>
            <dd>{product.pack_size}</dd>
            <dt className="text-stone-700">{t("product.category")}</dt>
            <dd>
              <Link
                to={searchHref({ ...NO_FILTERS, category: product.category.slug })}
                className="text-brand-800 underline"
              >
                {product.category.name}
              </Link>
            </dd>
            {attributes.map(([name, value]) => (
              <Fragment key={name}>
                <dt className="text-stone-700">{name}</dt>
                <dd>{String(value)}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}

export function ProductRoute() {
  const { t } = useTranslation();
  const { productId = "" } = useParams();
  const back = backLinkFrom(useLocation().state);
  const product = useQuery(productQuery(productId));

  return (
    <div className="flex flex-col gap-3">
      <Link to={back} className="self-start py-2 font-semibold text-brand-800 underline">
        ← {t("product.back")}
      </Link>
      {product.isPending ? <ProductSkeleton /> : null}
      {product.isError ? (
        <ErrorState
          error={product.error}
          onRetry={() => void product.refetch()}
          action={<LinkButton to="/catalog">{t("product.backToSearch")}</LinkButton>}
        />
      ) : null}
      {product.data ? <ProductView key={product.data.id} product={product.data} /> : null}
    </div>
  );
}
