import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { OrderStatusBadge } from "@/features/orders/components/OrderStatusBadge";
import type { QueueItem } from "../api/types";
import { PaymentBadge } from "./PaymentBadge";

interface QueueListProps {
  items: readonly QueueItem[];
  selected: ReadonlySet<string>;
  onToggle: (item: QueueItem, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
}

function DeliveryDate({ item }: { item: QueueItem }) {
  const { t } = useTranslation("consoleOrders");
  return item.expected_delivery_date ? <DateTime iso={item.expected_delivery_date} /> : <span>{t("queue.noDate")}</span>;
}

const CHECKBOX = "size-6 shrink-0 accent-brand-700";

/** A table on a desktop, cards on a phone; both select orders for the bulk actions. */
export function QueueList({ items, selected, onToggle, onToggleAll }: QueueListProps) {
  const { t } = useTranslation("consoleOrders");
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  const someSelected = !allSelected && items.some((item) => selected.has(item.id));
  const selectLabel = (item: QueueItem) => t("queue.select", { number: item.number, retailer: item.retailer_name });

  return (
    <>
      <label className="flex min-h-11 items-center gap-3 font-semibold lg:hidden">
        <input
          type="checkbox"
          className={CHECKBOX}
          checked={allSelected}
          ref={(input) => {
            if (input) input.indeterminate = someSelected;
          }}
          onChange={(event) => onToggleAll(event.target.checked)}
        />
        {t("queue.selectAll")}
      </label>
      <ul aria-label={t("queue.listLabel")} className="flex flex-col gap-2 lg:hidden">
        {items.map((item) => (
          <li
            key={item.id}
            className={`flex gap-3 rounded-xl border bg-white p-3 ${selected.has(item.id) ? "border-brand-700 ring-1 ring-brand-700" : "border-stone-200"}`}
          >
            <input
              type="checkbox"
              aria-label={selectLabel(item)}
              className={`${CHECKBOX} mt-2.5`}
              checked={selected.has(item.id)}
              onChange={(event) => onToggle(item, event.target.checked)}
            />
            <Link to={`/console/orders/${item.id}`} className="flex min-w-0 flex-1 flex-col gap-1">
              <span className="flex items-start justify-between gap-2">
                <span className="font-semibold text-brand-800 underline">{item.number}</span>
                <OrderStatusBadge status={item.status} />
              </span>
              <span className="truncate text-stone-900">{item.retailer_name}</span>
              <span className="flex items-end justify-between gap-2">
                <PaymentBadge method={item.payment_method} status={item.payment_status} />
                <Money amount={item.total} currency={item.currency} className="font-semibold" />
              </span>
              <span className="text-sm text-stone-700">
                {t("queue.deliveryOn")} <DeliveryDate item={item} /> · {t("queue.lines", { count: item.line_count })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-xl border border-stone-200 bg-white lg:block">
        <table className="w-full text-left">
          <caption className="sr-only">{t("queue.listLabel")}</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-sm text-stone-800">
            <tr>
              <th scope="col" className="w-12 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={t("queue.selectAll")}
                  className={CHECKBOX}
                  checked={allSelected}
                  ref={(input) => {
                    if (input) input.indeterminate = someSelected;
                  }}
                  onChange={(event) => onToggleAll(event.target.checked)}
                />
              </th>
              <th scope="col" className="px-3 py-2">{t("queue.columns.order")}</th>
              <th scope="col" className="px-3 py-2">{t("queue.columns.retailer")}</th>
              <th scope="col" className="px-3 py-2">{t("queue.columns.status")}</th>
              <th scope="col" className="px-3 py-2">{t("queue.columns.payment")}</th>
              <th scope="col" className="px-3 py-2">{t("queue.columns.delivery")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("queue.columns.lines")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("queue.columns.total")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {items.map((item) => (
              <tr key={item.id} className={selected.has(item.id) ? "bg-brand-50" : undefined}>
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={selectLabel(item)}
                    className={CHECKBOX}
                    checked={selected.has(item.id)}
                    onChange={(event) => onToggle(item, event.target.checked)}
                  />
                </td>
                <td className="px-3 py-2">
                  <Link to={`/console/orders/${item.id}`} className="font-semibold text-brand-800 underline">
                    {item.number}
                  </Link>
                  <span className="block text-sm text-stone-700">
                    <DateTime iso={item.placed_at ?? item.created_at} style="dateTime" />
                  </span>
                </td>
                <td className="max-w-56 truncate px-3 py-2">{item.retailer_name}</td>
                <td className="px-3 py-2">
                  <OrderStatusBadge status={item.status} />
                </td>
                <td className="px-3 py-2">
                  <PaymentBadge method={item.payment_method} status={item.payment_status} />
                </td>
                <td className="px-3 py-2">
                  <DeliveryDate item={item} />
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{item.line_count}</td>
                <td className="px-3 py-2 text-right">
                  <Money amount={item.total} currency={item.currency} className="font-semibold" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
