import { useTranslation } from "react-i18next";
import type { Provider } from "@/lib/payments/types";

export type PaymentChoice = Provider | "pay_on_delivery";

interface PaymentMethodPickerProps {
  providers: readonly Provider[];
  value: PaymentChoice;
  onChange: (choice: PaymentChoice) => void;
  payOnDeliveryAvailable: boolean;
  error?: string;
}

const OPTION =
  "grid min-h-14 cursor-pointer grid-cols-[auto_1fr] items-start gap-x-3 rounded-lg border border-stone-300 bg-white px-3 py-3 " +
  "has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 " +
  "has-[:focus-visible]:ring-brand-600 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-70";

export function PaymentMethodPicker({ providers, value, onChange, payOnDeliveryAvailable, error }: PaymentMethodPickerProps) {
  const { t } = useTranslation();
  const choices: PaymentChoice[] = [...providers, "pay_on_delivery"];
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? "payment-method-error" : undefined}>
      <legend className="mb-1 text-lg font-semibold">{t("checkout.method.legend")}</legend>
      {choices.map((choice) => {
        const disabled = choice === "pay_on_delivery" && !payOnDeliveryAvailable;
        return (
          <label key={choice} className={OPTION}>
            <input
              type="radio"
              name="payment-method"
              value={choice}
              checked={value === choice}
              disabled={disabled}
              onChange={() => onChange(choice)}
              className="row-span-2 mt-0.5 size-5 accent-brand-700"
            />
            <span className="font-semibold">
              {choice === "pay_on_delivery" ? t("checkout.method.pay_on_delivery") : t(`payment.providers.${choice}`)}
            </span>
            <span className="col-start-2 text-sm text-stone-700">
              {disabled ? t("checkout.method.payOnDeliveryUnavailable") : t(`checkout.method.${choice}Hint`)}
            </span>
          </label>
        );
      })}
      {error ? (
        <p id="payment-method-error" className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
