import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DateTime } from "@/components/DateTime";
import { PageTitle } from "@/components/PageTitle";
import { type Business, businessesQuery } from "../api/businesses";
import { PagedList } from "@/components/PagedList";
import { ResponsiveTable } from "../components/ResponsiveTable";
import { StatusBadge, toneOf } from "../components/StatusBadge";
import { QUEUE_STATUSES, VerificationFilter } from "../components/VerificationFilter";
import { readChoice } from "../lib/url-filters";

/** Wholesalers waiting for the platform to check their papers, oldest registrations first in the API's order. */
export function VerificationQueueRoute() {
  const { t } = useTranslation("admin");
  const [params] = useSearchParams();
  const status = readChoice(params, "status", QUEUE_STATUSES) ?? "pending";
  const query = useInfiniteQuery(businessesQuery({ q: null, kind: "wholesaler", verification: status }));

  return (
    <div className="flex flex-col">
      <PageTitle lead={t("verification.lead")}>{t("title.verification")}</PageTitle>
      <VerificationFilter current={status} />
      <PagedList query={query} empty={t(`verification.empty.${status}`)}>
        {(items: Business[]) => (
          <ResponsiveTable
            label={t("verification.listLabel", { status: t(`verificationStatus.${status}`) })}
            rows={items}
            rowKey={(business) => business.id}
            cardTitle={(business) => <ReviewLink business={business} />}
            columns={[
              { header: t("fields.business"), cell: (business) => <ReviewLink business={business} /> },
              { header: t("fields.registered"), cell: (business) => <DateTime iso={business.created_at} /> },
              { header: t("fields.registrationNumber"), cell: (business) => business.registration_number },
              { header: t("fields.taxId"), cell: (business) => business.tax_id ?? "—" },
              { header: t("fields.city"), cell: (business) => business.address.city },
              {
                header: t("fields.status"),
                cell: (business) => (
                  <StatusBadge tone={toneOf(business.verification_status)}>
                    {t(`verificationStatus.${business.verification_status}`)}
                  </StatusBadge>
                ),
              },
            ]}
          />
        )}
      </PagedList>
    </div>
  );
}

function ReviewLink({ business }: { business: Business }) {
  return (
    <Link to={`/admin/verification/${business.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
      {business.name}
    </Link>
  );
}
