import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";

interface BusinessKindPickerProps {
  registration: UseFormRegisterReturn<"business.kind">;
  selected: "retailer" | "wholesaler";
}

const KINDS = ["retailer", "wholesaler"] as const;

export function BusinessKindPicker({ registration, selected }: BusinessKindPickerProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-semibold text-stone-800">{t("signUp.kind.legend")}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {KINDS.map((kind) => (
          <label
            key={kind}
            className={`flex min-h-11 cursor-pointer gap-3 rounded-xl border-2 p-3 ${
              selected === kind ? "border-brand-700 bg-brand-50" : "border-stone-300 bg-white"
            }`}
          >
            <input type="radio" value={kind} className="mt-1 size-5 shrink-0 accent-brand-700" {...registration} />
            <span className="flex flex-col">
              <span className="font-semibold">{t(`signUp.kind.${kind}.title`)}</span>
              <span className="text-sm text-stone-700">{t(`signUp.kind.${kind}.lead`)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
