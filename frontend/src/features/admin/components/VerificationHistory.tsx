import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import type { components } from "@/lib/api-types";

type Event = components["schemas"]["VerificationEventOut"];

export function VerificationHistory({ events }: { events: readonly Event[] }) {
  const { t } = useTranslation("admin");
  if (events.length === 0) return <p className="text-stone-700">{t("history.none")}</p>;
  return (
    <ol aria-label={t("history.title")} className="flex flex-col gap-2">
      {events.map((event, index) => (
        <li key={`${event.created_at}-${index}`} className="rounded-lg border border-stone-200 bg-white p-3">
          <p className="font-semibold text-stone-900">
            {event.previous_status
              ? t("history.changed", {
                  from: t(`verificationStatus.${event.previous_status}`),
                  to: t(`verificationStatus.${event.status}`),
                })
              : t(`verificationStatus.${event.status}`)}
          </p>
          <p className="text-sm text-stone-700">
            <DateTime iso={event.created_at} style="dateTime" /> · {event.actor_email ?? t("history.system")}
          </p>
          {event.reason ? <p className="mt-1 text-stone-800">{t("history.reason", { reason: event.reason })}</p> : null}
        </li>
      ))}
    </ol>
  );
}
