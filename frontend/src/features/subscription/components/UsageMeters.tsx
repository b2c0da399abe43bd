import { useTranslation } from "react-i18next";
import { formatNumber } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";
import type { Usage } from "../api/subscription";
import { type Meter, type MeterTone, meterFor } from "../lib/usage";

const BAR: Record<MeterTone, string> = {
  unlimited: "bg-brand-600",
  ok: "bg-brand-600",
  near: "bg-amber-500",
  full: "bg-red-600",
  over: "bg-red-700",
};

function MeterRow({ meter }: { meter: Meter }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = t(`subscription.usage.names.${meter.name}`);
  const used = formatNumber(meter.used, locale);
  return (
    <li className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="font-semibold">{label}</span>
        <span className="text-stone-800 tabular-nums">
          {meter.limit === null
            ? t("subscription.usage.usedUnlimited", { used })
            : t("subscription.usage.usedOf", { used, limit: formatNumber(meter.limit, locale) })}
        </span>
      </div>
      {meter.fraction === null ? null : (
        <div
          role="meter"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={meter.limit ?? 0}
          aria-valuenow={Math.min(meter.used, meter.limit ?? meter.used)}
          aria-valuetext={t("subscription.usage.usedOf", { used, limit: formatNumber(meter.limit ?? 0, locale) })}
          className="h-2.5 overflow-hidden rounded-full bg-stone-200"
        >
          <div className={`h-full rounded-full ${BAR[meter.tone]}`} style={{ width: `${meter.fraction * 100}%` }} />
        </div>
      )}
      {meter.tone === "near" || meter.tone === "full" || meter.tone === "over" ? (
        <p className={`text-sm font-medium ${meter.tone === "near" ? "text-amber-900" : "text-red-800"}`}>
          {t(`subscription.usage.tone.${meter.tone}`)}
        </p>
      ) : null}
    </li>
  );
}

/** Each limit of the plan with the business's current use, warning before it is reached. */
export function UsageMeters({ usage }: { usage: Usage }) {
  return (
    <ul className="flex flex-col gap-4">
      {usage.limits.map((limit) => (
        <MeterRow key={limit.name} meter={meterFor(limit)} />
      ))}
    </ul>
  );
}
