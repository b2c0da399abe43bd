import { useId } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, changeLanguage, isLanguage } from "@/lib/i18n";

interface LanguageSelectProps {
  compact?: boolean;
}

export function LanguageSelect({ compact = false }: LanguageSelectProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={compact ? "flex items-center" : "flex flex-col gap-1"}>
      <label htmlFor={id} className={compact ? "sr-only" : "text-sm font-semibold text-stone-800"}>
        {t("language.label")}
      </label>
      <select
        id={id}
        value={i18n.resolvedLanguage}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
        }}
        className={`rounded-lg border border-stone-300 bg-white px-2 text-base ${compact ? "min-h-11" : "min-h-12"}`}
      >
        {Object.entries(LANGUAGES).map(([code, { label }]) => (
          <option key={code} value={code} lang={code}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
