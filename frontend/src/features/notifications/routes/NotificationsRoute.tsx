import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { errorMessage } from "@/lib/error-message";
import { notificationsQuery, unreadCountQuery, useMarkAllRead } from "../api/notifications";
import { NotificationItem } from "../components/NotificationItem";

/** Newest first, older pages on demand (cursor), everything or only the unread (in the URL). */
export function NotificationsRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get("unread") === "true";
  const list = useInfiniteQuery(notificationsQuery(unreadOnly));
  const unread = useQuery(unreadCountQuery).data?.unread ?? 0;
  const markAll = useMarkAllRead();

  const content = (): ReactNode => {
    if (list.isPending) {
      return (
        <div className="flex flex-col gap-3" aria-busy="true">
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      );
    }
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    const items = list.data.pages.flatMap((page) => page.items);
    if (items.length === 0) {
      return (
        <EmptyState title={t(unreadOnly ? "notifications.emptyUnread" : "notifications.empty")}>
          {t("notifications.emptyLead")}
        </EmptyState>
      );
    }
    return (
      <>
        <ul className="divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white">
          {items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} />
          ))}
        </ul>
        {list.hasNextPage ? (
          <Button
            variant="secondary"
            className="w-full sm:w-auto sm:self-center"
            isLoading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t("notifications.more")}
          </Button>
        ) : (
          <p className="text-center text-sm text-stone-700">{t("notifications.end")}</p>
        )}
      </>
    );
  };

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageTitle
        lead={
          <>
            {unread > 0 ? t("notifications.unreadCount", { count: unread }) : t("notifications.allRead")}{" "}
            <Link to="/account/notifications" className="font-semibold text-brand-800 underline">
              {t("notifications.settingsLink")}
            </Link>
          </>
        }
      >
        {t("notifications.title")}
      </PageTitle>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label={t("notifications.show")} className="inline-flex rounded-xl border border-stone-300 bg-stone-100 p-1">
          {[false, true].map((only) => (
            <button
              key={String(only)}
              type="button"
              aria-pressed={unreadOnly === only}
              onClick={() => setParams(only ? { unread: "true" } : {}, { replace: true })}
              className={`min-h-11 rounded-lg px-4 font-semibold ${
                unreadOnly === only ? "bg-white text-brand-900 shadow-sm" : "text-stone-700"
              }`}
            >
              {t(only ? "notifications.filterUnread" : "notifications.filterAll")}
            </button>
          ))}
        </div>
        <Button
          variant="secondary"
          disabled={unread === 0}
          isLoading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t("notifications.markAllRead")}
        </Button>
      </div>
      {markAll.isError ? <Alert tone="error">{errorMessage(t, markAll.error)}</Alert> : null}
      {content()}
    </div>
  );
}
