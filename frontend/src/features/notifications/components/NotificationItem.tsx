import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { errorMessage } from "@/lib/error-message";
import { type Notification, useMarkRead } from "../api/notifications";

/** Links are SPA paths; anything else (a full URL, a protocol) is not followed. */
function appPath(link: string | null): string | null {
  return link && link.startsWith("/") && !link.startsWith("//") ? link : null;
}

export function NotificationItem({ notification }: { notification: Notification }) {
  const { t } = useTranslation();
  const markRead = useMarkRead();
  const unread = notification.read_at === null;
  const path = appPath(notification.link);
  return (
    <li className={`flex flex-col gap-2 p-4 ${unread ? "bg-brand-50/60" : ""}`}>
      <div className="flex items-start gap-3">
        <span
          aria-hidden="true"
          className={`mt-2 size-2.5 shrink-0 rounded-full ${unread ? "bg-brand-700" : "bg-transparent"}`}
        />
        <div className="min-w-0 flex-1">
          <p className={unread ? "font-bold" : "font-semibold"}>
            {unread ? <span className="sr-only">{t("notifications.unreadPrefix")} </span> : null}
            {notification.title}
          </p>
          <p className="text-stone-800">{notification.body}</p>
          <p className="text-sm text-stone-700">
            <DateTime iso={notification.created_at} style="dateTime" />
          </p>
          {markRead.isError ? (
            <p role="alert" className="text-sm text-red-800">
              {errorMessage(t, markRead.error)}
            </p>
          ) : null}
        </div>
      </div>
      <div className="flex flex-wrap gap-2 pl-5.5">
        {path ? (
          <Link
            to={path}
            onClick={() => {
              if (unread) markRead.mutate(notification.id);
            }}
            className="inline-flex min-h-11 items-center rounded-lg px-3 font-semibold text-brand-800 underline hover:bg-brand-50"
          >
            {t("notifications.open")}
          </Link>
        ) : null}
        {unread ? (
          <Button
            variant="ghost"
            isLoading={markRead.isPending}
            onClick={() => markRead.mutate(notification.id)}
            aria-label={t("notifications.markReadNamed", { title: notification.title })}
          >
            {t("notifications.markRead")}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
