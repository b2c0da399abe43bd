import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type OrderRules, orderableQuantity } from "@/lib/tiers";

interface QuantityStepperProps extends OrderRules {
  value: number;
  unit: string;
  onChange: (quantity: number) => void;
  /** Names the product in the label and the step buttons where several steppers share a page (the cart). */
  itemName?: string;
}

const STEP_BUTTON =
  "flex size-12 shrink-0 items-center justify-center rounded-lg border border-stone-300 bg-white text-2xl " +
  "font-semibold disabled:opacity-40";

/** Only quantities that can be ordered: the minimum, then whole steps of the increment. */
export function QuantityStepper({
  value,
  unit,
  minOrderQty,
  orderIncrement,
  onChange,
  itemName,
}: QuantityStepperProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const [draft, setDraft] = useState(String(value));
  const rules = { minOrderQty, orderIncrement };
  const hint =
    orderIncrement > 1
      ? t("product.orderRulesWithSteps", { min: minOrderQty, step: orderIncrement })
      : minOrderQty > 1
        ? t("product.orderRules", { min: minOrderQty })
        : null;

  useEffect(() => setDraft(String(value)), [value]);

  const commit = (raw: string) => {
    const next = orderableQuantity(Number.parseInt(raw, 10), rules);
    setDraft(String(next));
    onChange(next);
  };

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold text-stone-800">
        {t("product.quantityLabel", { unit })}
        {itemName ? <span className="sr-only"> {itemName}</span> : null}
      </label>
      <div className="flex items-center gap-2">
        <button
          type="button"
          className={STEP_BUTTON}
          disabled={value <= minOrderQty}
          aria-label={itemName ? t("product.fewerOf", { name: itemName }) : t("product.fewer")}
          onClick={() => onChange(Math.max(minOrderQty, value - orderIncrement))}
        >
          <span aria-hidden="true">−</span>
        </button>
        <input
          id={id}
          inputMode="numeric"
          pattern="[0-9]*"
          aria-describedby={hint ? hintId : undefined}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={(event) => commit(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") commit(event.currentTarget.value);
          }}
          className="min-h-12 w-24 rounded-lg border border-stone-400 bg-white text-center text-lg font-semibold tabular-nums"
        />
        <button
          type="button"
          className={STEP_BUTTON}
          aria-label={itemName ? t("product.moreOf", { name: itemName }) : t("product.more")}
          disabled={orderableQuantity(value + orderIncrement, rules) <= value}
          onClick={() => onChange(orderableQuantity(value + orderIncrement, rules))}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-700">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
