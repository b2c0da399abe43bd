import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ProductDetail } from "@/lib/api-schemas";

export function WholesalerCard({ wholesaler }: { wholesaler: ProductDetail["wholesaler_summary"] }) {
  const { t } = useTranslation();
  return (
    <section className="rounded-xl border border-stone-200 bg-white p-4">
      <h2 className="text-sm font-semibold tracking-wide text-stone-700 uppercase">{t("product.soldBy")}</h2>
      <p className="mt-1 text-lg font-semibold">
        <Link to={`/wholesalers/${wholesaler.id}`} className="text-brand-800 underline">
          {wholesaler.name}
        </Link>
      </p>
      <p className="text-stone-700">{[wholesaler.city, wholesaler.region].filter(Boolean).join(", ")}</p>
      {wholesaler.verified ? (
        <p className="mt-1 text-sm font-semibold text-brand-800">✓ {t("product.verifiedWholesaler")}</p>
      ) : null}
    </section>
  );
}
