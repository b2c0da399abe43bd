import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { SelectField } from "@/components/SelectField";
import { useDebouncedCallback } from "@/lib/use-debounced-callback";
import type { OrderStatus } from "../api/types";
import {
  NO_FILTERS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  type QueueFilters,
  SORTS,
  activeFilterCount,
} from "../lib/queue-filters";

interface QueueFilterPanelProps {
  filters: QueueFilters;
  onChange: (filters: QueueFilters) => void;
}

function SearchBox({ filters, onChange }: QueueFilterPanelProps) {
  const { t } = useTranslation("consoleOrders");
  const [text, setText] = useState(filters.q);
  const commit = useDebouncedCallback((q: string) => onChange({ ...filters, q }), 350);
  useEffect(() => setText(filters.q), [filters.q]);
  return (
    <form
      role="search"
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        commit.cancel();
        onChange({ ...filters, q: text });
      }}
    >
      <Field
        type="search"
        label={t("queue.filters.search")}
        placeholder={t("queue.filters.searchPlaceholder")}
        value={text}
        maxLength={100}
        onChange={(event) => {
          setText(event.target.value);
          commit.run(event.target.value);
        }}
        className="flex-1"
      />
      <Button type="submit" variant="secondary" className="min-h-12">
        {t("queue.filters.searchAction")}
      </Button>
    </form>
  );
}

/** Every filter of `GET /orders`; each change goes to the address at once. */
export function QueueFilterPanel({ filters, onChange }: QueueFilterPanelProps) {
  const { t } = useTranslation("consoleOrders");
  const statusLegend = useId();
  const count = activeFilterCount({ ...filters, q: "" });
  const toggleStatus = (status: OrderStatus, on: boolean) =>
    onChange({
      ...filters,
      statuses: on ? [...filters.statuses, status] : filters.statuses.filter((candidate) => candidate !== status),
    });

  return (
    <div className="flex flex-col gap-3">
      <SearchBox filters={filters} onChange={onChange} />
      <details className="group rounded-xl border border-stone-200 bg-white">
        <summary className="flex min-h-11 cursor-pointer items-center justify-between gap-2 px-4 py-2 font-semibold">
          <span>{count > 0 ? t("queue.filters.more", { count }) : t("queue.filters.moreNone")}</span>
          <span aria-hidden="true" className="transition-transform group-open:rotate-180">
            ▾
          </span>
        </summary>
        <div className="flex flex-col gap-4 border-t border-stone-200 p-4">
          <fieldset aria-labelledby={statusLegend} className="flex flex-col gap-2">
            <legend id={statusLegend} className="text-sm font-semibold text-stone-800">
              {t("queue.filters.status")}
            </legend>
            <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-4">
              {ORDER_STATUSES.map((status) => (
                <label key={status} className="flex min-h-11 items-center gap-2">
                  <input
                    type="checkbox"
                    className="size-5 accent-brand-700"
                    checked={filters.statuses.includes(status)}
                    onChange={(event) => toggleStatus(status, event.target.checked)}
                  />
                  {t(`status.${status}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
            <SelectField
              label={t("queue.filters.paymentMethod")}
              value={filters.paymentMethod ?? ""}
              onChange={(event) =>
                onChange({ ...filters, paymentMethod: PAYMENT_METHODS.find((method) => method === event.target.value) ?? null })
              }
            >
              <option value="">{t("queue.filters.any")}</option>
              {PAYMENT_METHODS.map((method) => (
                <option key={method} value={method}>
                  {t(`payment.method.${method}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("queue.filters.paymentStatus")}
              value={filters.paymentStatus ?? ""}
              onChange={(event) =>
                onChange({ ...filters, paymentStatus: PAYMENT_STATUSES.find((status) => status === event.target.value) ?? null })
              }
            >
              <option value="">{t("queue.filters.any")}</option>
              {PAYMENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`payment.status.${status}`)}
                </option>
              ))}
            </SelectField>
            <Field
              type="date"
              label={t("queue.filters.deliveryFrom")}
              value={filters.deliveryFrom ?? ""}
              onChange={(event) => onChange({ ...filters, deliveryFrom: event.target.value || null })}
            />
            <Field
              type="date"
              label={t("queue.filters.deliveryTo")}
              value={filters.deliveryTo ?? ""}
              onChange={(event) => onChange({ ...filters, deliveryTo: event.target.value || null })}
            />
            <SelectField
              label={t("queue.filters.sort")}
              value={filters.sort}
              onChange={(event) => onChange({ ...filters, sort: SORTS.find((sort) => sort === event.target.value) ?? "newest" })}
            >
              {SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`queue.sort.${sort}`)}
                </option>
              ))}
            </SelectField>
          </div>
          {count > 0 ? (
            <Button variant="ghost" className="self-start" onClick={() => onChange({ ...NO_FILTERS, sort: filters.sort })}>
              {t("queue.filters.clear")}
            </Button>
          ) : null}
        </div>
      </details>
    </div>
  );
}
