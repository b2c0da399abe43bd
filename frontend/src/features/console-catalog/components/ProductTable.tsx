import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@/components/Button";
import { Money } from "@/components/Money";
import type { Product, ProductStatus } from "../api/types";
import { LowStockBadge, ProductStatusBadge } from "./ProductStatusBadge";

interface ProductTableProps {
  products: Product[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
  /** Null when the person may only read. */
  onStatus: ((product: Product, status: ProductStatus) => void) | null;
  busyId: string | null;
}

function publishTarget(product: Product): ProductStatus {
  return product.status === "active" ? "draft" : "active";
}

function StatusAction({ product, onStatus, busy }: { product: Product; onStatus: ProductTableProps["onStatus"]; busy: boolean }) {
  const { t } = useTranslation("consoleCatalog");
  if (!onStatus) return null;
  const target = publishTarget(product);
  return (
    <Button
      variant="secondary"
      isLoading={busy}
      aria-label={t(target === "active" ? "list.publishNamed" : "list.unpublishNamed", { name: product.name })}
      onClick={() => {
        onStatus(product, target);
      }}
    >
      {t(target === "active" ? "list.publish" : "list.unpublish")}
    </Button>
  );
}

function Stock({ product }: { product: Product }) {
  const { t } = useTranslation("consoleCatalog");
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="tabular-nums">{t("list.units", { count: product.stock_on_hand })}</span>
      {product.low_stock ? <LowStockBadge /> : null}
    </span>
  );
}

/** A table on a desktop, cards on a phone; rows can be selected for publishing together. */
export function ProductTable({ products, selected, onToggle, onToggleAll, onStatus, busyId }: ProductTableProps) {
  const { t } = useTranslation("consoleCatalog");
  const allSelected = products.length > 0 && products.every((product) => selected.has(product.id));
  const checkbox = (product: Product) =>
    onStatus ? (
      <input
        type="checkbox"
        className="size-6 accent-brand-700"
        checked={selected.has(product.id)}
        aria-label={t("list.select", { name: product.name })}
        onChange={(event) => {
          onToggle(product.id, event.target.checked);
        }}
      />
    ) : null;

  return (
    <>
      <table className="hidden w-full border-collapse overflow-hidden rounded-xl bg-white text-left md:table">
        <caption className="sr-only">{t("list.caption")}</caption>
        <thead className="border-b border-stone-200 text-sm text-stone-700">
          <tr>
            {onStatus ? (
              <th scope="col" className="w-12 p-3">
                <input
                  type="checkbox"
                  className="size-6 accent-brand-700"
                  checked={allSelected}
                  aria-label={t("list.selectAll")}
                  onChange={(event) => {
                    onToggleAll(event.target.checked);
                  }}
                />
              </th>
            ) : null}
            <th scope="col" className="p-3">{t("list.product")}</th>
            <th scope="col" className="p-3">{t("list.status")}</th>
            <th scope="col" className="p-3">{t("list.stock")}</th>
            <th scope="col" className="p-3 text-right">{t("list.priceAtMoq")}</th>
            <th scope="col" className="p-3">
              <span className="sr-only">{t("list.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.id} className="border-b border-stone-100 last:border-0">
              {onStatus ? <td className="p-3">{checkbox(product)}</td> : null}
              <td className="p-3">
                <Link to={`/console/products/${product.id}`} className="font-semibold text-brand-800 underline">
                  {product.name}
                </Link>
                <div className="text-sm text-stone-700">
                  {t("list.sku", { sku: product.sku })} · {product.unit_of_sale}
                </div>
              </td>
              <td className="p-3">
                <ProductStatusBadge status={product.status} />
              </td>
              <td className="p-3">
                <Stock product={product} />
              </td>
              <td className="p-3 text-right">
                <Money amount={product.price_at_moq} />
              </td>
              <td className="p-3">
                <div className="flex justify-end gap-2">
                  <StatusAction product={product} onStatus={onStatus} busy={busyId === product.id} />
                  <Link
                    to={`/console/stock/${product.id}`}
                    className="inline-flex min-h-11 items-center px-2 font-semibold text-brand-800 underline"
                    aria-label={t("list.stockOf", { name: product.name })}
                  >
                    {t("list.stockLink")}
                  </Link>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <ul aria-label={t("list.caption")} className="flex flex-col gap-3 md:hidden">
        {products.map((product) => (
          <li key={product.id} className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4">
            <div className="flex items-start gap-3">
              {checkbox(product)}
              <div className="min-w-0 flex-1">
                <Link to={`/console/products/${product.id}`} className="font-semibold text-brand-800 underline">
                  {product.name}
                </Link>
                <div className="text-sm text-stone-700">{t("list.sku", { sku: product.sku })}</div>
              </div>
              <ProductStatusBadge status={product.status} />
            </div>
            <div className="flex items-center justify-between gap-2 text-stone-800">
              <Stock product={product} />
              <Money amount={product.price_at_moq} className="font-semibold" />
            </div>
            <div className="flex flex-wrap gap-2">
              <StatusAction product={product} onStatus={onStatus} busy={busyId === product.id} />
              <Link
                to={`/console/stock/${product.id}`}
                className="inline-flex min-h-11 items-center px-2 font-semibold text-brand-800 underline"
                aria-label={t("list.stockOf", { name: product.name })}
              >
                {t("list.stockLink")}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
