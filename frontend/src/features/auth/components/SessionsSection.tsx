import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { ErrorState } from "@/components/ErrorState";
import { Skeleton } from "@/components/Skeleton";
import type { SessionOut } from "@/lib/api-schemas";
import { errorMessage } from "@/lib/error-message";
import { sessionsQuery, useEndSession } from "../api/sessions";
import { deviceName } from "./device-name";

function SessionRow({ session }: { session: SessionOut }) {
  const { t } = useTranslation();
  const end = useEndSession();
  const { browser, system } = deviceName(session.user_agent);
  const device =
    browser && system
      ? t("security.sessions.browserOn", { browser, system })
      : (browser ?? system ?? t("security.sessions.unknownDevice"));
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3">
      <div>
        <p className="font-semibold">
          {device}
          {session.current ? (
            <span className="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-900">
              {t("security.sessions.thisDevice")}
            </span>
          ) : null}
        </p>
        <p className="text-sm text-stone-700">
          {t("security.sessions.lastUsed")} <DateTime iso={session.last_used_at} style="dateTime" />
        </p>
        {end.isError ? <p className="text-sm text-red-800">{errorMessage(t, end.error)}</p> : null}
      </div>
      {session.current ? null : (
        <Button variant="secondary" isLoading={end.isPending} onClick={() => end.mutate(session.id)}>
          {t("security.sessions.end")}
        </Button>
      )}
    </li>
  );
}

export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useQuery(sessionsQuery);

  if (sessions.isPending) {
    return (
      <div className="flex flex-col gap-3" aria-busy="true">
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-12 w-full" />
      </div>
    );
  }
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  if (sessions.data.items.length === 0) return <Alert>{t("security.sessions.none")}</Alert>;
  return (
    <ul className="divide-y divide-stone-200">
      {sessions.data.items.map((session) => (
        <SessionRow key={session.id} session={session} />
      ))}
    </ul>
  );
}
