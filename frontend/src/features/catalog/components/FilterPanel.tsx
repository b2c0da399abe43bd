import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { Facets } from "@/lib/api-schemas";
import { type SearchFilters, searchHref } from "../lib/search-filters";
import { type FacetOption, FacetList } from "./FacetList";

interface FilterPanelProps {
  filters: SearchFilters;
  facets: Facets | undefined;
}

export function FilterPanel({ filters, facets }: FilterPanelProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categories: FacetOption[] = (facets?.categories ?? []).map((category) => {
    const selected = filters.category === category.slug || filters.category === category.id;
    return {
      key: category.id,
      label: category.name,
      count: category.count,
      selected,
      href: searchHref({ ...filters, category: selected ? null : category.slug }),
    };
  });
  const brands: FacetOption[] = (facets?.brands ?? []).map((brand) => {
    const selected = filters.brand?.toLowerCase() === brand.brand.toLowerCase();
    return {
      key: brand.brand,
      label: brand.brand,
      count: brand.count,
      selected,
      href: searchHref({ ...filters, brand: selected ? null : brand.brand }),
    };
  });

  return (
    <div className="flex flex-col gap-5">
      <button
        type="button"
        onClick={() => navigate(searchHref({ ...filters, inStock: !filters.inStock }), { preventScrollReset: true })}
        role="switch"
        aria-checked={filters.inStock}
        className="flex min-h-11 items-center justify-between gap-3 rounded-lg border border-stone-300 bg-white px-3 font-semibold"
      >
        {t("catalog.facets.inStockOnly")}
        <span
          aria-hidden="true"
          className={`relative h-6 w-11 rounded-full transition-colors ${filters.inStock ? "bg-brand-700" : "bg-stone-300"}`}
        >
          <span
            className={`absolute top-0.5 size-5 rounded-full bg-white shadow transition-all ${
              filters.inStock ? "left-[1.375rem]" : "left-0.5"
            }`}
          />
        </span>
      </button>
      <FacetList title={t("catalog.facets.categories")} options={categories} />
      <FacetList title={t("catalog.facets.brands")} options={brands} />
    </div>
  );
}
