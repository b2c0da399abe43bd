import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { LinkButton } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { storefrontQuery } from "../api/storefront";
import { LoadMore } from "../components/LoadMore";
import { ProductGrid, ProductGridSkeleton } from "../components/ProductGrid";

/** A wholesaler's storefront: who they are and what they sell. */
export function WholesalerRoute() {
  const { t } = useTranslation();
  const { wholesalerId = "" } = useParams();
  const storefront = useInfiniteQuery(storefrontQuery(wholesalerId));
  const first = storefront.data?.pages[0];
  const items = useMemo(() => storefront.data?.pages.flatMap((page) => page.products.items) ?? [], [storefront.data]);

  if (storefront.isPending) return <ProductGridSkeleton />;
  if (storefront.isError || !first) {
    return (
      <ErrorState
        error={storefront.error}
        onRetry={() => void storefront.refetch()}
        action={<LinkButton to="/catalog">{t("product.backToSearch")}</LinkButton>}
      />
    );
  }
  const { wholesaler, products } = first;
  return (
    <div>
      <PageTitle
        lead={
          <>
            {[wholesaler.city, wholesaler.region].filter(Boolean).join(", ")}
            {wholesaler.verified ? ` · ✓ ${t("product.verifiedWholesaler")}` : ""} ·{" "}
            {t("wholesaler.memberSince")} <DateTime iso={wholesaler.member_since} />
          </>
        }
      >
        {wholesaler.name}
      </PageTitle>
      {products.total === 0 ? (
        <EmptyState title={t("wholesaler.empty")} />
      ) : (
        <>
          <ProductGrid items={items} label={t("wholesaler.products", { name: wholesaler.name })} />
          <LoadMore
            shown={items.length}
            total={products.total}
            hasMore={storefront.hasNextPage}
            isLoading={storefront.isFetchingNextPage}
            onLoadMore={() => void storefront.fetchNextPage()}
          />
        </>
      )}
    </div>
  );
}
