import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/Alert";
import { DateTime } from "@/components/DateTime";
import { PageTitle } from "@/components/PageTitle";
import { useCanWrite } from "@/lib/audience";
import { businessQuery, useDecideVerification, verificationQuery } from "../api/businesses";
import { DetailStates } from "../components/DetailStates";
import { DocumentList } from "../components/DocumentList";
import { ReasonAction } from "../components/ReasonAction";
import { Facts, Section } from "../components/Section";
import { StatusBadge, toneOf } from "../components/StatusBadge";
import { VerificationHistory } from "../components/VerificationHistory";

export function VerificationReviewRoute() {
  const { t } = useTranslation("admin");
  const { businessId = "" } = useParams();
  const business = useQuery(businessQuery(businessId));
  const verification = useQuery(verificationQuery(businessId));

  return (
    <div className="flex flex-col gap-4">
      <Link to="/admin/verification" className="inline-flex min-h-11 items-center self-start font-semibold text-brand-800 underline">
        {t("verification.back")}
      </Link>
      <DetailStates query={business} back="/admin/verification">
        {({ business: found, users }) => (
          <>
            <PageTitle
              lead={
                <StatusBadge tone={toneOf(found.verification_status)}>{t(`verificationStatus.${found.verification_status}`)}</StatusBadge>
              }
            >
              {found.name}
            </PageTitle>
            <Section title={t("verification.business")}>
              <Facts
                items={[
                  { label: t("fields.registrationNumber"), value: found.registration_number },
                  { label: t("fields.taxId"), value: found.tax_id ?? "—" },
                  { label: t("fields.email"), value: found.email },
                  { label: t("fields.phone"), value: found.phone },
                  { label: t("fields.address"), value: `${found.address.line}, ${found.address.city}, ${found.address.region}` },
                  { label: t("fields.registered"), value: <DateTime iso={found.created_at} style="dateTime" /> },
                  { label: t("fields.owner"), value: users.find((user) => user.role === "owner")?.full_name ?? "—" },
                ]}
              />
              <Link to={`/admin/businesses/${found.id}`} className="inline-flex min-h-11 items-center self-start font-semibold text-brand-800 underline">
                {t("verification.openBusiness")}
              </Link>
            </Section>
            <DetailStates query={verification} back="/admin/verification">
              {(review) => (
                <>
                  <Section title={t("documents.title")}>
                    <DocumentList documents={review.documents} />
                  </Section>
                  <Decision businessId={found.id} name={found.name} status={review.status} documentCount={review.documents.length} />
                  <Section title={t("history.title")}>
                    <VerificationHistory events={review.history} />
                  </Section>
                </>
              )}
            </DetailStates>
          </>
        )}
      </DetailStates>
    </div>
  );
}

function Decision({ businessId, name, status, documentCount }: { businessId: string; name: string; status: string; documentCount: number }) {
  const { t } = useTranslation("admin");
  const canWrite = useCanWrite();
  const decide = useDecideVerification(businessId);
  if (!canWrite) return <Alert tone="info">{t("readOnly")}</Alert>;
  return (
    <Section title={t("verification.decision")}>
      {decide.isSuccess ? (
        <Alert tone="success">{t(`verification.decided.${decide.data.verification_status === "verified" ? "verified" : "rejected"}`, { name })}</Alert>
      ) : null}
      {documentCount === 0 && status === "pending" ? <Alert tone="warning">{t("verification.noDocuments")}</Alert> : null}
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start">
        {status !== "verified" ? (
          <ReasonAction
            start={t("verification.approve")}
            title={t("verification.approveTitle", { name })}
            lead={t("verification.approveLead")}
            confirm={t("verification.approveConfirm", { name })}
            tone="primary"
            isPending={decide.isPending && decide.variables.status === "verified"}
            error={decide.variables?.status === "verified" ? decide.error : null}
            onConfirm={(reason) => decide.mutate({ status: "verified", reason })}
          />
        ) : null}
        {status !== "rejected" ? (
          <ReasonAction
            start={t("verification.reject")}
            title={t("verification.rejectTitle", { name })}
            lead={t("verification.rejectLead")}
            confirm={t("verification.rejectConfirm", { name })}
            isPending={decide.isPending && decide.variables.status === "rejected"}
            error={decide.variables?.status === "rejected" ? decide.error : null}
            onConfirm={(reason) => decide.mutate({ status: "rejected", reason })}
          />
        ) : null}
      </div>
    </Section>
  );
}
