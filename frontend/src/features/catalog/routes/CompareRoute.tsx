import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { LinkButton } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { ApiError } from "@/lib/api-error";
import { compareQuery } from "../api/compare";
import { OfferCard } from "../components/OfferCard";
import { QuantityStepper } from "@/components/QuantityStepper";

const GTIN = /^\d{8,14}$/;

function readQuantity(raw: string | null): number | null {
  const quantity = raw ? Number.parseInt(raw, 10) : Number.NaN;
  return Number.isInteger(quantity) && quantity > 0 ? quantity : null;
}

/** Every wholesaler's offer for one barcode: /compare?gtin=...&quantity=... */
export function CompareRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const gtin = params.get("gtin") ?? "";
  const quantity = readQuantity(params.get("quantity"));
  const valid = GTIN.test(gtin);
  const comparison = useQuery({ ...compareQuery({ gtin, quantity }), enabled: valid, placeholderData: keepPreviousData });

  const title = t("compare.title");
  if (!valid) {
    return (
      <div>
        <PageTitle>{title}</PageTitle>
        <EmptyState title={t("compare.noBarcode")} action={<LinkButton to="/catalog">{t("product.backToSearch")}</LinkButton>}>
          {t("compare.noBarcodeHint")}
        </EmptyState>
      </div>
    );
  }

  const offers = comparison.data?.offers ?? [];
  const name = offers[0]?.name;
  const bestIndex = offers.findIndex((offer) => offer.meets_min_order && offer.can_fulfil);

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <PageTitle lead={name ? t("compare.lead", { name, gtin }) : t("compare.barcode", { gtin })}>{title}</PageTitle>
      <div className="rounded-xl border border-stone-200 bg-white p-4">
        <QuantityStepper
          value={quantity ?? 1}
          unit={offers[0]?.unit_of_sale ?? t("compare.units")}
          minOrderQty={1}
          orderIncrement={1}
          onChange={(next) => setParams({ gtin, quantity: String(next) }, { replace: true, preventScrollReset: true })}
        />
      </div>
      {comparison.isPending ? (
        <div aria-busy="true" className="flex flex-col gap-3">
          <span className="sr-only">{t("compare.loading")}</span>
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : null}
      {comparison.isError && comparison.error instanceof ApiError && comparison.error.status === 404 ? (
        <EmptyState title={t("compare.noOffers")} action={<LinkButton to="/catalog">{t("product.backToSearch")}</LinkButton>}>
          {t("compare.noOffersHint")}
        </EmptyState>
      ) : null}
      {comparison.isError && !(comparison.error instanceof ApiError && comparison.error.status === 404) ? (
        <ErrorState error={comparison.error} onRetry={() => void comparison.refetch()} />
      ) : null}
      {comparison.data ? (
        offers.length === 0 ? (
          <EmptyState title={t("compare.noOffers")}>{t("compare.noOffersHint")}</EmptyState>
        ) : (
          <>
            <p aria-live="polite" className="text-stone-800">
              {t("compare.count", { count: offers.length })}
            </p>
            <ol
              aria-label={t("compare.offers")}
              className={`flex flex-col gap-3 ${comparison.isPlaceholderData ? "opacity-60" : ""}`}
            >
              {offers.map((offer, index) => (
                <OfferCard key={offer.product_id} offer={offer} isBest={index === bestIndex} />
              ))}
            </ol>
          </>
        )
      ) : null}
    </div>
  );
}
