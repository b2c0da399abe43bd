import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/Alert";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import type { BusinessOut } from "@/lib/api-schemas";
import { useSessionStore } from "@/lib/session-store";
import { businessQuery } from "../api/business";
import { BusinessForm } from "../components/BusinessForm";

function BusinessFacts({ business }: { business: BusinessOut }) {
  const { t } = useTranslation();
  const { address } = business;
  const rows: [string, string][] = [
    [t("fields.businessName"), business.name],
    [t("fields.registrationNumber"), business.registration_number],
    [t("fields.taxIdOptional"), business.tax_id ?? "–"],
    [t("fields.businessPhone"), business.phone],
    [t("fields.businessEmail"), business.email],
    [t("business.address"), `${address.line}, ${address.city}, ${address.region}, ${address.country}`],
  ];
  return (
    <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-sm font-semibold text-stone-700">{label}</dt>
          <dd className="mb-2 break-words text-stone-900 sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The business's details: everyone sees them, the owner edits them. */
export function BusinessRoute() {
  const { t } = useTranslation();
  const isOwner = useSessionStore((state) => state.session?.user.role === "owner");
  const business = useQuery(businessQuery);

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageTitle lead={t("business.lead")}>{t("business.title")}</PageTitle>
      <nav aria-label={t("business.title")} className="flex flex-wrap gap-x-4 gap-y-1">
        <Link to="/account" className="font-semibold text-brand-800 underline">
          {t("profile.backToAccount")}
        </Link>
        <Link to="/business/staff" className="font-semibold text-brand-800 underline">
          {t("business.staff.title")}
        </Link>
      </nav>
      {business.isPending ? (
        <Skeleton className="h-96 w-full rounded-2xl" />
      ) : business.isError ? (
        <ErrorState error={business.error} onRetry={() => void business.refetch()} />
      ) : (
        <section aria-labelledby="business-details" className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-4 sm:p-6">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="business-details" className="text-lg font-semibold">
              {t("business.details")}
            </h2>
            <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm font-semibold text-stone-800">
              {t(`business.kind.${business.data.kind}`)} · {t(`business.verification.${business.data.verification_status}`)}
            </span>
          </div>
          {business.data.verification_status === "rejected" && business.data.verification_reason ? (
            <Alert tone="warning">{business.data.verification_reason}</Alert>
          ) : null}
          {isOwner ? (
            <>
              <p className="text-sm text-stone-700">
                {t("fields.registrationNumber")}: <span className="font-semibold">{business.data.registration_number}</span>
              </p>
              <BusinessForm business={business.data} />
            </>
          ) : (
            <>
              <BusinessFacts business={business.data} />
              <p className="text-sm text-stone-700">{t("business.ownerEdits")}</p>
            </>
          )}
        </section>
      )}
    </div>
  );
}
