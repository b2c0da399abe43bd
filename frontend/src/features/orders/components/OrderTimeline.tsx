import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import type { Order } from "../api/types";
import { timelineSteps } from "../lib/timeline";

export function OrderTimeline({ order }: { order: Order }) {
  const { t } = useTranslation();
  const steps = timelineSteps(order);
  return (
    <ol className="flex flex-col">
      {steps.map((step, index) => (
        <li key={step.key} className="relative flex gap-3 pb-4 last:pb-0">
          {index < steps.length - 1 ? (
            <span aria-hidden="true" className="absolute top-6 bottom-0 left-[0.6875rem] w-0.5 bg-stone-300" />
          ) : null}
          <span
            aria-hidden="true"
            className={`relative z-10 mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full border-2 text-xs font-bold ${
              step.key === "cancelled"
                ? "border-stone-600 bg-stone-600 text-white"
                : step.done
                  ? "border-brand-700 bg-brand-700 text-white"
                  : "border-stone-400 bg-white"
            }`}
          >
            {step.done ? (step.key === "cancelled" ? "×" : "✓") : ""}
          </span>
          <span className="flex flex-col">
            <span className={step.done ? "font-semibold text-stone-900" : "text-stone-700"}>
              {t(`orders.timeline.${step.key}`)}
              <span className="sr-only"> ({step.done ? t("orders.timeline.done") : t("orders.timeline.notYet")})</span>
            </span>
            {step.at ? (
              <span className="text-sm text-stone-700">
                <DateTime iso={step.at} style="dateTime" />
              </span>
            ) : null}
            {step.note ? <span className="text-sm text-stone-800">“{step.note}”</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
