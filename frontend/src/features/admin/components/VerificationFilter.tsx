import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { VerificationStatus } from "../api/businesses";

export const QUEUE_STATUSES = ["pending", "rejected", "verified"] as const satisfies readonly VerificationStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

const CHIP = "inline-flex min-h-11 shrink-0 items-center whitespace-nowrap rounded-full border px-4 text-sm font-semibold";

export function VerificationFilter({ current }: { current: QueueStatus }) {
  const { t } = useTranslation("admin");
  return (
    <nav aria-label={t("verification.filterLabel")} className="-mx-4 mb-4 overflow-x-auto px-4 pb-1">
      <ul className="flex gap-2">
        {QUEUE_STATUSES.map((status) => (
          <li key={status}>
            <Link
              to={status === "pending" ? "/admin/verification" : `/admin/verification?status=${status}`}
              aria-current={status === current ? "page" : undefined}
              className={`${CHIP} ${status === current ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-900"}`}
            >
              {t(`verificationStatus.${status}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
