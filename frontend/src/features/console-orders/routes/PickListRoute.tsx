import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { pickListQuery } from "../api/queue";
import type { PickList } from "../api/types";
import { MAX_PICK_LIST_ORDERS, readPickListIds } from "../lib/pick-list-ids";
import "./pick-list.css";

const BOX = "size-6 shrink-0 accent-brand-700";

function address(value: Record<string, string> | null): string | null {
  if (!value) return null;
  return [value.line, value.city, value.region].filter(Boolean).join(", ") || null;
}

function PickListSheet({ list }: { list: PickList }) {
  const { t } = useTranslation("consoleOrders");
  return (
    <>
      <section aria-labelledby="pick-products" className="flex flex-col gap-2">
        <h2 id="pick-products" className="text-lg font-semibold">
          {t("pickList.products", { count: list.lines.length })}
        </h2>
        <div className="overflow-x-auto rounded-xl border border-stone-300 bg-white">
          <table className="w-full text-left">
            <thead className="border-b border-stone-300 bg-stone-50 text-sm">
              <tr>
                <th scope="col" className="w-12 px-2 py-2">
                  <span className="sr-only">{t("pickList.picked")}</span>
                  <span aria-hidden="true">✓</span>
                </th>
                <th scope="col" className="px-2 py-2">{t("pickList.product")}</th>
                <th scope="col" className="px-2 py-2 text-right">{t("pickList.quantity")}</th>
                <th scope="col" className="px-2 py-2">{t("pickList.byOrder")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-300">
              {list.lines.map((line) => (
                <tr key={line.product_id} className="align-top">
                  <td className="px-2 py-2">
                    <input type="checkbox" className={BOX} aria-label={t("pickList.pickedProduct", { name: line.name })} />
                  </td>
                  <td className="px-2 py-2">
                    <span className="block font-semibold">{line.name}</span>
                    <span className="text-sm text-stone-700">
                      {line.sku}
                      {line.gtin ? ` · ${line.gtin}` : ""}
                    </span>
                  </td>
                  <td className="px-2 py-2 text-right whitespace-nowrap">
                    <span className="text-lg font-bold tabular-nums">{line.total_quantity}</span>{" "}
                    <span className="text-sm">{line.unit_of_sale}</span>
                  </td>
                  <td className="px-2 py-2 text-sm">
                    {line.orders.map((part) => `${part.number} × ${part.quantity}`).join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="pick-orders" className="pick-orders flex flex-col gap-2">
        <h2 id="pick-orders" className="text-lg font-semibold">
          {t("pickList.orders", { count: list.orders.length })}
        </h2>
        <ul className="flex flex-col gap-2">
          {list.orders.map((order) => (
            <li key={order.id} className="flex gap-3 rounded-xl border border-stone-300 bg-white p-3">
              <input type="checkbox" className={`${BOX} mt-0.5`} aria-label={t("pickList.loaded", { number: order.number })} />
              <div className="flex min-w-0 flex-1 flex-col">
                <span className="flex flex-wrap justify-between gap-x-3">
                  <span className="font-semibold">
                    {order.number} · {order.retailer_name}
                  </span>
                  <span>
                    {order.expected_delivery_date ? <DateTime iso={order.expected_delivery_date} /> : t("queue.noDate")}
                  </span>
                </span>
                <span className="text-sm text-stone-800">
                  {order.delivery_method === "pickup"
                    ? t("pickList.pickup")
                    : (address(order.delivery_address) ?? t("pickList.delivery"))}
                  {" · "}
                  {t("queue.lines", { count: order.line_count })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** The selected orders' lines added up per product, to pick from the shelves and print. */
export function PickListRoute() {
  const { t } = useTranslation("consoleOrders");
  const [params] = useSearchParams();
  const { ids, leftOut } = useMemo(() => readPickListIds(params.get("ids")), [params]);
  const list = useQuery({ ...pickListQuery(ids), enabled: ids.length > 0 });

  return (
    <div data-pick-list className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link to="/console/orders" className="py-2 font-semibold text-brand-800 underline">
          ← {t("detail.back")}
        </Link>
        {list.data ? (
          <Button onClick={() => window.print()} className="w-full sm:w-auto">
            {t("pickList.print")}
          </Button>
        ) : null}
      </div>
      <PageTitle
        lead={
          list.data ? (
            <span>
              {t("pickList.lead", { count: list.data.orders.length })} · <DateTime iso={list.data.generated_at} style="dateTime" />
            </span>
          ) : undefined
        }
      >
        {t("title.pickList")}
      </PageTitle>
      {leftOut > 0 ? (
        <Alert tone="warning" title={t("pickList.capped", { max: MAX_PICK_LIST_ORDERS, count: ids.length + leftOut })}>
          {t("pickList.cappedHint", { count: leftOut })}
        </Alert>
      ) : null}
      {ids.length === 0 ? (
        <EmptyState
          title={t("pickList.none")}
          action={
            <LinkButton to="/console/orders" variant="secondary">
              {t("detail.back")}
            </LinkButton>
          }
        >
          {t("pickList.noneHint")}
        </EmptyState>
      ) : list.isPending ? (
        <div aria-busy="true" className="flex flex-col gap-2">
          <span className="sr-only">{t("pickList.loading")}</span>
          <Skeleton className="h-64 w-full" />
        </div>
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <PickListSheet list={list.data} />
      )}
    </div>
  );
}
