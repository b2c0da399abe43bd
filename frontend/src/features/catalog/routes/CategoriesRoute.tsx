import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import type { CategoryNode } from "@/lib/api-schemas";
import { categoriesQuery } from "../api/categories";
import { NO_FILTERS, searchHref } from "../lib/search-filters";

function categoryHref(category: CategoryNode): string {
  return searchHref({ ...NO_FILTERS, category: category.slug });
}

function CategorySection({ category }: { category: CategoryNode }) {
  const { t } = useTranslation();
  return (
    <section className="rounded-xl border border-stone-200 bg-white p-4">
      <h2 className="text-lg font-semibold">
        <Link to={categoryHref(category)} className="text-stone-900 hover:text-brand-800">
          {category.name}
        </Link>
      </h2>
      {category.children.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-2">
          {category.children.map((child) => (
            <li key={child.id}>
              <Link
                to={categoryHref(child)}
                className="flex min-h-11 items-center rounded-full border border-stone-300 px-3 text-sm hover:border-brand-600"
              >
                {child.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <Link to={categoryHref(category)} className="mt-2 inline-block py-2 text-sm font-semibold text-brand-800 underline">
        {t("categories.seeAll", { name: category.name })}
      </Link>
    </section>
  );
}

export function CategoriesRoute() {
  const { t } = useTranslation();
  const tree = useQuery(categoriesQuery);
  return (
    <div>
      <PageTitle lead={t("categories.lead")}>{t("categories.title")}</PageTitle>
      {tree.isPending ? (
        <div aria-busy="true" className="grid gap-3 sm:grid-cols-2">
          <span className="sr-only">{t("categories.loading")}</span>
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-28 w-full" />
          ))}
        </div>
      ) : null}
      {tree.isError ? <ErrorState error={tree.error} onRetry={() => void tree.refetch()} /> : null}
      {tree.data && tree.data.items.length === 0 ? <EmptyState title={t("categories.empty")} /> : null}
      {tree.data && tree.data.items.length > 0 ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {tree.data.items.map((category) => (
            <CategorySection key={category.id} category={category} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
