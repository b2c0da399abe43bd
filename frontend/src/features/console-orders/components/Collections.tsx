import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import type { Order } from "../api/types";

/** Each amount collected on delivery, from the order's timeline: how much, how, by whom, when. */
export function Collections({ order }: { order: Order }) {
  const { t } = useTranslation("consoleOrders");
  const collections = order.timeline.filter((entry) => entry.kind === "collection_recorded");
  if (collections.length === 0) return null;
  return (
    <div className="flex flex-col gap-2 border-t border-stone-200 pt-3">
      <h3 className="font-semibold">{t("collection.history")}</h3>
      <ul className="flex flex-col gap-2">
        {collections.map((entry) => {
          const method = entry.data.method === "mobile_money" ? "mobile_money" : "cash";
          return (
            <li key={entry.at} className="flex flex-wrap items-baseline justify-between gap-x-3">
              <span>
                <Money amount={entry.data.amount ?? "0.00"} currency={entry.data.currency ?? order.currency} className="font-semibold" />{" "}
                {t(`collection.methods.${method}`)}
                {entry.data.reference ? ` · ${entry.data.reference}` : ""}
                {entry.data.recorded_by ? ` · ${t("collection.by", { name: entry.data.recorded_by })}` : ""}
              </span>
              <span className="text-sm text-stone-700">
                <DateTime iso={entry.at} style="dateTime" />
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
