import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { preferencesQuery } from "../api/preferences";
import { PreferencesForm } from "../components/PreferencesForm";

/** Which messages reach the person, per kind of event and channel (in the app, e-mail, SMS). */
export function NotificationPreferencesRoute() {
  const { t } = useTranslation();
  const preferences = useQuery(preferencesQuery);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageTitle lead={t("notifications.preferences.lead")}>{t("notifications.preferences.title")}</PageTitle>
      <Link to="/account" className="self-start font-semibold text-brand-800 underline">
        {t("profile.backToAccount")}
      </Link>
      {preferences.isPending ? (
        <div className="flex flex-col gap-3" aria-busy="true">
          <Skeleton className="h-28 w-full rounded-2xl" />
          <Skeleton className="h-28 w-full rounded-2xl" />
          <Skeleton className="h-28 w-full rounded-2xl" />
        </div>
      ) : preferences.isError ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <PreferencesForm categories={preferences.data.categories} />
      )}
    </div>
  );
}
