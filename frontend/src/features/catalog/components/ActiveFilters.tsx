import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CategoryNode, Facets } from "@/lib/api-schemas";
import { categoriesQuery } from "../api/categories";
import { NO_FILTERS, type SearchFilters, countRefinements, searchHref } from "../lib/search-filters";

interface ActiveFiltersProps {
  filters: SearchFilters;
  facets: Facets | undefined;
}

function Chip({ label, removeLabel, href }: { label: string; removeLabel: string; href: string }) {
  return (
    <li>
      <Link
        to={href}
        preventScrollReset
        aria-label={removeLabel}
        className="flex min-h-11 items-center gap-2 rounded-full border border-brand-700 bg-brand-50 px-3 text-sm font-semibold text-brand-900"
      >
        {label}
        <span aria-hidden="true" className="text-lg leading-none">
          ×
        </span>
      </Link>
    </li>
  );
}

function findCategory(nodes: CategoryNode[], slugOrId: string): CategoryNode | undefined {
  for (const node of nodes) {
    if (node.slug === slugOrId || node.id === slugOrId) return node;
    const found = findCategory(node.children, slugOrId);
    if (found) return found;
  }
  return undefined;
}

/** The refinements in force, each removable in one tap. */
export function ActiveFilters({ filters, facets }: ActiveFiltersProps) {
  const { t } = useTranslation();
  const tree = useQuery({ ...categoriesQuery, enabled: filters.category !== null });
  if (countRefinements(filters) === 0) return null;
  const categoryName =
    facets?.categories.find((category) => category.slug === filters.category || category.id === filters.category)
      ?.name ??
    (filters.category && tree.data ? findCategory(tree.data.items, filters.category)?.name : undefined) ??
    filters.category;
  return (
    <ul aria-label={t("catalog.facets.active")} className="flex flex-wrap gap-2">
      {filters.category ? (
        <Chip
          label={categoryName ?? ""}
          removeLabel={t("catalog.facets.remove", { name: categoryName })}
          href={searchHref({ ...filters, category: null })}
        />
      ) : null}
      {filters.brand ? (
        <Chip
          label={filters.brand}
          removeLabel={t("catalog.facets.remove", { name: filters.brand })}
          href={searchHref({ ...filters, brand: null })}
        />
      ) : null}
      {filters.inStock ? (
        <Chip
          label={t("catalog.facets.inStockOnly")}
          removeLabel={t("catalog.facets.remove", { name: t("catalog.facets.inStockOnly") })}
          href={searchHref({ ...filters, inStock: false })}
        />
      ) : null}
      <li>
        <Link
          to={searchHref({ ...NO_FILTERS, q: filters.q, sort: filters.sort })}
          className="flex min-h-11 items-center px-2 text-sm font-semibold text-brand-800 underline"
        >
          {t("catalog.facets.clearAll")}
        </Link>
      </li>
    </ul>
  );
}
