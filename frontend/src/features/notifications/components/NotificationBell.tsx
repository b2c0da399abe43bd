import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { formatNumber } from "@/lib/format";
import { useIdle } from "@/lib/use-idle";
import { useLocale } from "@/lib/use-locale";
import { unreadCountQuery } from "../api/notifications";

export const MAX_SHOWN_COUNT = 99;

/** The header's way to the notifications, with how many are unread (asked every minute while visible). */
export function NotificationBell() {
  const { t } = useTranslation();
  const locale = useLocale();
  const idle = useIdle();
  const unread = useQuery({ ...unreadCountQuery, enabled: idle }).data?.unread ?? 0;
  const shown = unread > MAX_SHOWN_COUNT ? `${formatNumber(MAX_SHOWN_COUNT, locale)}+` : formatNumber(unread, locale);
  return (
    <NavLink
      to="/notifications"
      aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
      className={({ isActive }) =>
        `relative inline-flex size-11 items-center justify-center rounded-lg ${
          isActive ? "bg-brand-50 text-brand-800" : "text-stone-700 hover:text-brand-800"
        }`
      }
    >
      <svg className="size-6" viewBox="0 0 24 24" fill="none" aria-hidden="true">
        <path
          d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15zM10 20a2 2 0 0 0 4 0"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          data-testid="unread-badge"
          className="absolute top-0.5 right-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-bold text-white"
        >
          {shown}
        </span>
      ) : null}
    </NavLink>
  );
}
