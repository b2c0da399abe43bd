import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorState } from "@/components/ErrorState";
import { Field } from "@/components/Field";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";
import { productsQuery } from "../api/products";
import { LowStockBadge } from "./ProductStatusBadge";

const SHOWN = 8;

/** Any product by name or SKU, to restock or adjust it; the search stays in the address. */
export function StockFinder() {
  const { t } = useTranslation("consoleCatalog");
  const [params, setParams] = useSearchParams();
  const q = params.get("q")?.slice(0, 100) ?? "";
  const [typed, setTyped] = useState(q);
  const search = useDebouncedCallback((value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value.trim()) next.set("q", value.trim());
        else next.delete("q");
        return next;
      },
      { replace: true },
    );
  }, 300);
  const found = useInfiniteQuery({ ...productsQuery({ q, status: null, lowStock: false }), enabled: q !== "" });
  const items = (found.data?.pages[0]?.items ?? []).slice(0, SHOWN);

  return (
    <div className="flex flex-col gap-3">
      <Field
        type="search"
        label={t("finder.label")}
        hint={t("finder.hint")}
        value={typed}
        maxLength={100}
        onChange={(event) => {
          setTyped(event.target.value);
          search.run(event.target.value);
        }}
      />
      {q && found.isError ? <ErrorState error={found.error} onRetry={() => void found.refetch()} /> : null}
      {q && found.isSuccess && items.length === 0 ? <p className="text-stone-700">{t("finder.none", { q })}</p> : null}
      {items.length > 0 ? (
        <ul aria-label={t("finder.results")} className="flex flex-col divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
          {items.map((product) => (
            <li key={product.id}>
              <Link
                to={`/console/stock/${product.id}`}
                className="flex min-h-11 flex-wrap items-center justify-between gap-2 px-4 py-2 hover:bg-stone-50"
              >
                <span>
                  <span className="font-semibold text-brand-800 underline">{product.name}</span>
                  <span className="block text-sm text-stone-700">{t("list.sku", { sku: product.sku })}</span>
                </span>
                <span className="flex items-center gap-2">
                  <span className="tabular-nums">{t("list.units", { count: product.stock_on_hand })}</span>
                  {product.low_stock ? <LowStockBadge /> : null}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
