import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CheckboxField } from "@/components/CheckboxField";
import { Field } from "@/components/Field";
import { SelectField } from "@/components/SelectField";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";
import type { ProductFilters as Filters } from "../api/products";
import { PRODUCT_STATUSES, type ProductStatus } from "../api/types";

export function readFilters(params: URLSearchParams): Filters {
  const status = params.get("status");
  return {
    q: params.get("q")?.slice(0, 100) ?? "",
    status: PRODUCT_STATUSES.includes(status as ProductStatus) ? (status as ProductStatus) : null,
    lowStock: params.get("low_stock") === "true",
  };
}

/** Search and filters, kept in the address so a filtered list can be shared and Back undoes it. */
export function ProductFilters() {
  const { t } = useTranslation("consoleCatalog");
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [query, setQuery] = useState(filters.q);

  const update = (name: string, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };
  const search = useDebouncedCallback((value: string) => {
    update("q", value.trim() || null);
  }, 300);

  return (
    <div role="search" aria-label={t("filters.label")} className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_12rem] md:grid-cols-[minmax(0,1fr)_12rem_auto] md:items-end">
      <Field
        type="search"
        label={t("filters.search")}
        value={query}
        maxLength={100}
        onChange={(event) => {
          setQuery(event.target.value);
          search.run(event.target.value);
        }}
      />
      <SelectField
        label={t("filters.status")}
        value={filters.status ?? ""}
        onChange={(event) => {
          update("status", event.target.value || null);
        }}
      >
        <option value="">{t("filters.anyStatus")}</option>
        {PRODUCT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </SelectField>
      <div className="md:pb-1">
        <CheckboxField
          label={t("filters.lowStock")}
          checked={filters.lowStock}
          onChange={(event) => {
            update("low_stock", event.target.checked ? "true" : null);
          }}
        />
      </div>
    </div>
  );
}
