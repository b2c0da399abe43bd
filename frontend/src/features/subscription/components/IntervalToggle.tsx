import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Interval } from "../api/subscription";

interface IntervalToggleProps {
  value: Interval;
  onChange: (interval: Interval) => void;
}

const INTERVALS: Interval[] = ["month", "year"];

/** Two radio buttons that look like one switch: monthly or yearly prices. */
export function IntervalToggle({ value, onChange }: IntervalToggleProps) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="flex flex-col items-stretch gap-1 sm:items-start">
      <legend className="sr-only">{t("subscription.interval.legend")}</legend>
      <div className="inline-flex w-full rounded-xl border border-stone-300 bg-stone-100 p-1 sm:w-auto">
        {INTERVALS.map((interval) => (
          <label
            key={interval}
            className={`flex min-h-11 flex-1 cursor-pointer items-center justify-center rounded-lg px-4 text-base font-semibold has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 sm:flex-none ${
              value === interval ? "bg-white text-brand-900 shadow-sm" : "text-stone-700"
            }`}
          >
            <input
              type="radio"
              name={name}
              value={interval}
              checked={value === interval}
              onChange={() => onChange(interval)}
              className="sr-only"
            />
            {t(`subscription.interval.${interval}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
