import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/Alert";
import { DateTime } from "@/components/DateTime";
import { PageTitle } from "@/components/PageTitle";
import { useCanWrite } from "@/lib/audience";
import { type BusinessDetail, businessQuery, useReactivateBusiness, useSuspendBusiness } from "../api/businesses";
import { DetailStates } from "../components/DetailStates";
import { DocumentList } from "../components/DocumentList";
import { ReasonAction } from "../components/ReasonAction";
import { Facts, Section } from "../components/Section";
import { StatusBadge, toneOf } from "../components/StatusBadge";
import { UserTable } from "../components/UserTable";
import { VerificationHistory } from "../components/VerificationHistory";

/** What support sees of a business: its details, people and verification, read-only (never as them). */
export function BusinessRoute() {
  const { t } = useTranslation("admin");
  const { businessId = "" } = useParams();
  const detail = useQuery(businessQuery(businessId));

  return (
    <div className="flex flex-col gap-4">
      <Link to="/admin/businesses" className="inline-flex min-h-11 items-center self-start font-semibold text-brand-800 underline">
        {t("businesses.back")}
      </Link>
      <DetailStates query={detail} back="/admin/businesses">
        {(data) => <BusinessPage data={data} />}
      </DetailStates>
    </div>
  );
}

function BusinessPage({ data }: { data: BusinessDetail }) {
  const { t } = useTranslation("admin");
  const { business, users, documents, verification_history, counts } = data;
  return (
    <>
      <PageTitle
        lead={
          <span className="flex flex-wrap gap-2">
            <span>{t(`kind.${business.kind}`)}</span>
            <StatusBadge tone={toneOf(business.verification_status)}>{t(`verificationStatus.${business.verification_status}`)}</StatusBadge>
            {business.suspension ? <StatusBadge tone="bad">{t("businesses.suspended")}</StatusBadge> : null}
          </span>
        }
      >
        {business.name}
      </PageTitle>
      {business.suspension ? (
        <Alert tone="warning" title={t("businesses.suspendedSince", { date: business.suspension.suspended_at.slice(0, 10) })}>
          {business.suspension.reason ?? ""}
        </Alert>
      ) : null}
      <Section title={t("businesses.details")}>
        <Facts
          items={[
            { label: t("fields.registrationNumber"), value: business.registration_number },
            { label: t("fields.taxId"), value: business.tax_id ?? "—" },
            { label: t("fields.email"), value: <span className="break-all">{business.email}</span> },
            { label: t("fields.phone"), value: business.phone },
            { label: t("fields.address"), value: `${business.address.line}, ${business.address.city}, ${business.address.region}` },
            { label: t("fields.registered"), value: <DateTime iso={business.created_at} style="dateTime" /> },
            { label: t("businesses.people"), value: t("businesses.peopleCount", { active: counts.active_users, total: counts.users }) },
          ]}
        />
      </Section>
      <BusinessActions data={data} />
      <Section title={t("businesses.users")}>
        {users.length === 0 ? <p className="text-stone-700">{t("users.empty")}</p> : <UserTable users={users} label={t("businesses.users")} showBusiness={false} />}
      </Section>
      {business.kind === "wholesaler" ? (
        <Section
          title={t("documents.title")}
          action={
            <Link to={`/admin/verification/${business.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
              {t("businesses.review")}
            </Link>
          }
        >
          <DocumentList documents={documents} />
        </Section>
      ) : null}
      <Section title={t("history.title")}>
        <VerificationHistory events={verification_history} />
      </Section>
    </>
  );
}

function BusinessActions({ data }: { data: BusinessDetail }) {
  const { t } = useTranslation("admin");
  const canWrite = useCanWrite();
  const { business } = data;
  const suspend = useSuspendBusiness(business.id);
  const reactivate = useReactivateBusiness(business.id);
  if (!canWrite) return <Alert tone="info">{t("readOnly")}</Alert>;
  return (
    <Section title={t("businesses.actions")}>
      {business.suspension ? (
        <ReasonAction
          key="reactivate"
          start={t("businesses.reactivate.start")}
          title={t("businesses.reactivate.title", { name: business.name })}
          lead={t("businesses.reactivate.lead")}
          confirm={t("businesses.reactivate.confirm", { name: business.name })}
          tone="primary"
          isPending={reactivate.isPending}
          error={reactivate.error}
          onConfirm={(reason) => reactivate.mutate(reason)}
        />
      ) : (
        <ReasonAction
          key="suspend"
          start={t("businesses.suspend.start")}
          title={t("businesses.suspend.title", { name: business.name })}
          lead={t("businesses.suspend.lead")}
          confirm={t("businesses.suspend.confirm", { name: business.name })}
          isPending={suspend.isPending}
          error={suspend.error}
          onConfirm={(reason) => suspend.mutate(reason)}
        />
      )}
    </Section>
  );
}
