import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { useSessionStore } from "@/lib/session-store";
import { staffQuery } from "../api/staff";
import { InviteStaffForm } from "../components/InviteStaffForm";
import { StaffList } from "../components/StaffList";

/** The people of the business; the owner invites and deactivates staff. */
export function StaffRoute() {
  const { t } = useTranslation();
  const user = useSessionStore((state) => state.session?.user);
  const staff = useQuery(staffQuery);
  const isOwner = user?.role === "owner";
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageTitle lead={t(isOwner ? "business.staff.lead" : "business.staff.leadStaff")}>
        {t("business.staff.title")}
      </PageTitle>
      <Link to="/business" className="self-start font-semibold text-brand-800 underline">
        {t("business.backToBusiness")}
      </Link>
      {isOwner ? (
        <section aria-labelledby="invite-title" className="rounded-2xl border border-stone-200 bg-white p-4 sm:p-6">
          <h2 id="invite-title" className="mb-3 text-lg font-semibold">
            {t("business.staff.inviteTitle")}
          </h2>
          <InviteStaffForm />
        </section>
      ) : null}
      <section aria-labelledby="people-title" className="rounded-2xl border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="people-title" className="mb-1 text-lg font-semibold">
          {t("business.staff.people")}
        </h2>
        {staff.isPending ? (
          <div className="flex flex-col gap-3" aria-busy="true">
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : staff.isError ? (
          <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />
        ) : (
          <StaffList people={staff.data.items} canManage={isOwner} myId={user?.id ?? ""} />
        )}
      </section>
    </div>
  );
}
