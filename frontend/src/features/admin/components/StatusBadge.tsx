export type BadgeTone = "neutral" | "good" | "warn" | "bad";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-stone-100 text-stone-800",
  good: "bg-brand-50 text-brand-900",
  warn: "bg-amber-100 text-amber-950",
  bad: "bg-red-100 text-red-900",
};

export function StatusBadge({ tone, children }: { tone: BadgeTone; children: string }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-sm font-semibold ${TONES[tone]}`}>{children}</span>;
}

const STATUS_TONES: Record<string, BadgeTone> = {
  verified: "good",
  active: "good",
  succeeded: "good",
  completed: "good",
  paid: "good",
  pending: "warn",
  needs_review: "warn",
  open: "warn",
  sent: "warn",
  due: "warn",
  invited: "neutral",
  not_required: "neutral",
  retired: "neutral",
  refunded: "neutral",
  partially_refunded: "neutral",
  cancelled: "neutral",
  rejected: "bad",
  failed: "bad",
  suspended: "bad",
  deactivated: "bad",
};

export function toneOf(status: string): BadgeTone {
  return STATUS_TONES[status] ?? "neutral";
}
