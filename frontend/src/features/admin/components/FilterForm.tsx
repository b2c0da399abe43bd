import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Button } from "@/components/Button";
import { filtersToParams } from "../lib/url-filters";

interface FilterFormProps {
  label: string;
  /** Inputs and selects with a `name` (the search param) and a `defaultValue` read from the address. */
  children: ReactNode;
}

/**
 * Filters applied on submit into the address (so a search is a link and Back undoes it); the
 * fields are re-mounted when the address changes, so they always show what is applied.
 */
export function FilterForm({ label, children }: FilterFormProps) {
  const { t } = useTranslation("admin");
  const [params, setParams] = useSearchParams();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    new FormData(event.currentTarget).forEach((value, name) => {
      if (typeof value === "string") values[name] = value;
    });
    setParams(filtersToParams(values));
  };
  return (
    <form
      key={params.toString()}
      role="search"
      aria-label={label}
      onSubmit={submit}
      className="mb-4 grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      {children}
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <Button type="submit">{t("filters.apply")}</Button>
        {params.size > 0 ? (
          <Button variant="secondary" onClick={() => setParams(new URLSearchParams())}>
            {t("filters.clear")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
