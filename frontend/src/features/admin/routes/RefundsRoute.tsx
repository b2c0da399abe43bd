import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { DateTime } from "@/components/DateTime";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { SelectField } from "@/components/SelectField";
import { useCanWrite } from "@/lib/audience";
import { type AdminRefund, refundsQuery } from "../api/refunds";
import { FilterForm } from "../components/FilterForm";
import { PagedList } from "@/components/PagedList";
import { RefundActions } from "../components/RefundRow";
import { ResponsiveTable } from "../components/ResponsiveTable";
import { SectionTabs } from "../components/SectionTabs";
import { StatusBadge, toneOf } from "../components/StatusBadge";
import { readChoice } from "../lib/url-filters";

const STATUSES = ["open", "sent", "completed", "failed"] as const;
const CAUSES = ["cancelled_order", "late_payment", "duplicate_collection", "orphan_collection", "needs_review", "invoice_already_settled", "manual"] as const;

export function RefundsRoute() {
  const { t } = useTranslation("admin");
  const canWrite = useCanWrite();
  const [params] = useSearchParams();
  const filters = { status: readChoice(params, "status", STATUSES), cause: readChoice(params, "cause", CAUSES) };
  const query = useInfiniteQuery(refundsQuery(filters));

  const title = (refund: AdminRefund) => (
    <span className="flex flex-col">
      <span>{refund.payer_name ?? refund.payer_phone ?? t("refunds.unknownPayer")}</span>
      {refund.order_number ? <span className="text-sm font-normal text-stone-700">{refund.order_number}</span> : null}
    </span>
  );
  return (
    <div className="flex flex-col">
      <PageTitle lead={t("refunds.lead")}>{t("title.refunds")}</PageTitle>
      <SectionTabs section="money" />
      <FilterForm label={t("refunds.filters")}>
        <SelectField label={t("fields.status")} name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("filters.any")}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`refundStatus.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("refunds.cause")} name="cause" defaultValue={filters.cause ?? ""}>
          <option value="">{t("filters.any")}</option>
          {CAUSES.map((cause) => (
            <option key={cause} value={cause}>
              {t(`refundCause.${cause}`)}
            </option>
          ))}
        </SelectField>
      </FilterForm>
      <PagedList query={query} empty={t("refunds.empty")}>
        {(items: AdminRefund[]) => (
          <ResponsiveTable
            label={t("refunds.listLabel")}
            rows={items}
            rowKey={(refund) => refund.id}
            cardTitle={title}
            columns={[
              { header: t("fields.payer"), cell: title },
              { header: t("fields.status"), cell: (refund) => <StatusBadge tone={toneOf(refund.status)}>{t(`refundStatus.${refund.status}`)}</StatusBadge> },
              { header: t("fields.amount"), numeric: true, cell: (refund) => <Money amount={refund.amount} currency={refund.currency} /> },
              { header: t("refunds.cause"), cell: (refund) => t(`refundCause.${refund.cause}`) },
              { header: t("fields.reason"), cell: (refund) => refund.failure_reason ?? refund.reason },
              { header: t("fields.reference"), cell: (refund) => <span className="break-all">{refund.reference ?? "—"}</span> },
              { header: t("fields.created"), cell: (refund) => <DateTime iso={refund.created_at} style="dateTime" /> },
              ...(canWrite ? [{ header: t("fields.actions"), cell: (refund: AdminRefund) => <RefundActions refund={refund} /> }] : []),
            ]}
          />
        )}
      </PagedList>
    </div>
  );
}
