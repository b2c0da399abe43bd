import { useTranslation } from "react-i18next";
import type { Subscription } from "../api/subscription";

const TONES: Record<Subscription["status"], string> = {
  trialing: "bg-sky-100 text-sky-950",
  active: "bg-brand-100 text-brand-900",
  incomplete: "bg-amber-100 text-amber-950",
  past_due: "bg-amber-100 text-amber-950",
  suspended: "bg-red-100 text-red-950",
  cancelled: "bg-stone-200 text-stone-900",
  expired: "bg-stone-200 text-stone-900",
};

export function StatusBadge({ status }: { status: Subscription["status"] }) {
  const { t } = useTranslation();
  return (
    <span className={`rounded-full px-2 py-0.5 text-sm font-semibold ${TONES[status]}`}>
      {t(`subscription.status.${status}`)}
    </span>
  );
}
