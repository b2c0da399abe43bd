import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DateTime } from "@/components/DateTime";
import { Field } from "@/components/Field";
import { PageTitle } from "@/components/PageTitle";
import { SelectField } from "@/components/SelectField";
import { type Business, businessesQuery } from "../api/businesses";
import { FilterForm } from "../components/FilterForm";
import { PagedList } from "@/components/PagedList";
import { ResponsiveTable } from "../components/ResponsiveTable";
import { SectionTabs } from "../components/SectionTabs";
import { StatusBadge, toneOf } from "../components/StatusBadge";
import { readChoice, readText } from "../lib/url-filters";

const KINDS = ["retailer", "wholesaler"] as const;
const VERIFICATION = ["not_required", "pending", "verified", "rejected"] as const;

export function BusinessesRoute() {
  const { t } = useTranslation("admin");
  const [params] = useSearchParams();
  const filters = {
    q: readText(params, "q"),
    kind: readChoice(params, "kind", KINDS),
    verification: readChoice(params, "verification", VERIFICATION),
  };
  const query = useInfiniteQuery(businessesQuery(filters));

  return (
    <div className="flex flex-col">
      <PageTitle>{t("title.businesses")}</PageTitle>
      <SectionTabs section="directory" />
      <FilterForm label={t("businesses.filters")}>
        <Field label={t("businesses.search")} name="q" type="search" defaultValue={filters.q ?? ""} hint={t("businesses.searchHint")} />
        <SelectField label={t("fields.kind")} name="kind" defaultValue={filters.kind ?? ""}>
          <option value="">{t("filters.any")}</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("fields.verification")} name="verification" defaultValue={filters.verification ?? ""}>
          <option value="">{t("filters.any")}</option>
          {VERIFICATION.map((status) => (
            <option key={status} value={status}>
              {t(`verificationStatus.${status}`)}
            </option>
          ))}
        </SelectField>
      </FilterForm>
      <PagedList query={query} empty={t("businesses.empty")}>
        {(items: Business[]) => (
          <ResponsiveTable
            label={t("businesses.listLabel")}
            rows={items}
            rowKey={(business) => business.id}
            cardTitle={(business) => <BusinessLink business={business} />}
            columns={[
              { header: t("fields.business"), cell: (business) => <BusinessLink business={business} /> },
              { header: t("fields.kind"), cell: (business) => t(`kind.${business.kind}`) },
              {
                header: t("fields.verification"),
                cell: (business) => (
                  <span className="flex flex-wrap gap-1">
                    <StatusBadge tone={toneOf(business.verification_status)}>
                      {t(`verificationStatus.${business.verification_status}`)}
                    </StatusBadge>
                    {business.suspension ? <StatusBadge tone="bad">{t("businesses.suspended")}</StatusBadge> : null}
                  </span>
                ),
              },
              { header: t("fields.phone"), cell: (business) => business.phone },
              { header: t("fields.city"), cell: (business) => business.address.city },
              { header: t("fields.registered"), cell: (business) => <DateTime iso={business.created_at} /> },
            ]}
          />
        )}
      </PagedList>
    </div>
  );
}

function BusinessLink({ business }: { business: Business }) {
  return (
    <Link to={`/admin/businesses/${business.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
      {business.name}
    </Link>
  );
}
