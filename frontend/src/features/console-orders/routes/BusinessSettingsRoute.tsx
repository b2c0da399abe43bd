import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/Alert";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { useCanWrite } from "@/lib/audience";
import { useSessionStore } from "@/lib/session-store";
import { businessQuery, deliveryOptionsQuery } from "../api/business";
import { DeliveryOptionsFacts } from "../components/DeliveryOptionsFacts";
import { DeliveryOptionsForm } from "../components/DeliveryOptionsForm";
import { VerificationDocuments } from "../components/VerificationDocuments";

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const STATUS_TONES = {
  verified: "bg-brand-100 text-brand-950",
  pending: "bg-amber-100 text-amber-950",
  rejected: "bg-red-100 text-red-950",
  not_required: "bg-stone-100 text-stone-900",
} as const;

function Verification() {
  const { t } = useTranslation("consoleOrders");
  const isOwner = useSessionStore((state) => state.session?.user.role === "owner");
  const canWrite = useCanWrite();
  const business = useQuery(businessQuery);
  if (business.isPending) return <Skeleton className="h-24 w-full" />;
  if (business.isError) return <ErrorState error={business.error} onRetry={() => void business.refetch()} />;
  const { verification_status: status, verification_reason: reason } = business.data;
  return (
    <>
      <p className="flex flex-wrap items-center gap-2">
        <span className={`rounded-full px-3 py-1 text-sm font-semibold ${STATUS_TONES[status]}`}>
          {t(`business.verification.${status}`)}
        </span>
        <span className="text-stone-800">{t(`business.verification.${status}Lead`)}</span>
      </p>
      {status === "rejected" && reason ? <Alert tone="warning">{reason}</Alert> : null}
      {status === "pending" ? <VerificationDocuments canEdit={isOwner && canWrite} /> : null}
    </>
  );
}

function DeliveryOptions() {
  const { t } = useTranslation("consoleOrders");
  const isOwner = useSessionStore((state) => state.session?.user.role === "owner");
  const options = useQuery(deliveryOptionsQuery);
  if (options.isPending) return <Skeleton className="h-48 w-full" />;
  if (options.isError) return <ErrorState error={options.error} onRetry={() => void options.refetch()} />;
  return (
    <>
      {!options.data.configured ? <Alert tone="info">{t("business.delivery.notConfigured")}</Alert> : null}
      {isOwner ? (
        <DeliveryOptionsForm options={options.data} />
      ) : (
        <>
          <DeliveryOptionsFacts options={options.data} />
          <p className="text-sm text-stone-700">{t("business.ownerOnly")}</p>
        </>
      )}
    </>
  );
}

const LINKS = [
  { to: "/business", key: "profile" },
  { to: "/business/staff", key: "staff" },
  { to: "/subscription", key: "subscription" },
] as const;

/** The wholesaler's set-up: verification, how goods reach retailers, and links to the rest. */
export function BusinessSettingsRoute() {
  const { t } = useTranslation("consoleOrders");
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-4">
      <PageTitle lead={t("business.lead")}>{t("title.business")}</PageTitle>
      <nav aria-label={t("business.linksLabel")}>
        <ul className="grid gap-2 sm:grid-cols-3">
          {LINKS.map((link) => (
            <li key={link.key}>
              <Link
                to={link.to}
                className="flex min-h-11 flex-col rounded-xl border border-stone-200 bg-white p-3 hover:border-brand-700"
              >
                <span className="font-semibold text-brand-800 underline">{t(`business.links.${link.key}`)}</span>
                <span className="text-sm text-stone-700">{t(`business.links.${link.key}Hint`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Card id="verification" title={t("business.verification.title")}>
        <Verification />
      </Card>
      <Card id="delivery-options" title={t("business.delivery.title")}>
        <DeliveryOptions />
      </Card>
    </div>
  );
}
