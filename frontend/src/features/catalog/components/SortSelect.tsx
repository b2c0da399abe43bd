import { useId } from "react";
import { useTranslation } from "react-i18next";
import { SORT_ORDERS, type SortOrder } from "../lib/search-filters";

interface SortSelectProps {
  value: SortOrder | null;
  hasQuery: boolean;
  onChange: (sort: SortOrder | null) => void;
}

export function SortSelect({ value, hasQuery, onChange }: SortSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  const defaultOrder: SortOrder = hasQuery ? "relevance" : "newest";
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-semibold whitespace-nowrap text-stone-800">
        {t("catalog.sort.label")}
      </label>
      <select
        id={id}
        value={value ?? defaultOrder}
        onChange={(event) => {
          const chosen = SORT_ORDERS.find((order) => order === event.target.value) ?? null;
          onChange(chosen === defaultOrder ? null : chosen);
        }}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-base"
      >
        {SORT_ORDERS.filter((order) => hasQuery || order !== "relevance").map((order) => (
          <option key={order} value={order}>
            {t(`catalog.sort.${order}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
