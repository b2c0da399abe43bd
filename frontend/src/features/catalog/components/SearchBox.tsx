import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Spinner } from "@/components/Spinner";

interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  isSearching: boolean;
}

export function SearchBox({ value, onChange, isSearching }: SearchBoxProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <form role="search" onSubmit={(event) => event.preventDefault()} className="relative">
      <label htmlFor={id} className="sr-only">
        {t("catalog.search.label")}
      </label>
      <input
        id={id}
        type="search"
        enterKeyHint="search"
        autoComplete="off"
        placeholder={t("catalog.search.placeholder")}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="min-h-12 w-full rounded-xl border border-stone-400 bg-white py-2 pr-20 pl-4 text-base shadow-sm"
      />
      <span className="absolute inset-y-0 right-2 flex items-center gap-1">
        {isSearching ? <Spinner className="size-5 text-brand-700" label={t("catalog.search.searching")} /> : null}
        {value ? (
          <button
            type="button"
            onClick={() => onChange("")}
            className="flex size-11 items-center justify-center rounded-lg text-xl text-stone-700 hover:bg-stone-100"
            aria-label={t("catalog.search.clear")}
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </span>
    </form>
  );
}
