import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatNumber } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";

export interface FacetOption {
  key: string;
  label: string;
  count: number;
  selected: boolean;
  /** Where choosing (or, when selected, removing) this option leads. */
  href: string;
}

const SHOWN_AT_FIRST = 6;

export function FacetList({ title, options }: { title: string; options: FacetOption[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [expanded, setExpanded] = useState(false);
  if (options.length === 0) return null;
  const shown = expanded ? options : options.slice(0, SHOWN_AT_FIRST);
  return (
    <section className="flex flex-col gap-1">
      <h3 className="text-sm font-semibold tracking-wide text-stone-700 uppercase">{title}</h3>
      <ul className="flex flex-col">
        {shown.map((option) => (
          <li key={option.key}>
            <Link
              to={option.href}
              preventScrollReset
              aria-current={option.selected ? "true" : undefined}
              className={`flex min-h-11 items-center justify-between gap-2 rounded-lg px-2 ${
                option.selected ? "bg-brand-50 font-semibold text-brand-900" : "hover:bg-stone-100"
              }`}
            >
              <span className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className={`flex size-5 items-center justify-center rounded border text-xs ${
                    option.selected ? "border-brand-700 bg-brand-700 text-white" : "border-stone-400"
                  }`}
                >
                  {option.selected ? "✓" : ""}
                </span>
                {option.label}
              </span>
              <span className="text-sm text-stone-700 tabular-nums">{formatNumber(option.count, locale)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {options.length > SHOWN_AT_FIRST ? (
        <button
          type="button"
          className="min-h-11 self-start px-2 text-sm font-semibold text-brand-800 underline"
          aria-expanded={expanded}
          onClick={() => setExpanded((open) => !open)}
        >
          {expanded ? t("catalog.facets.showFewer") : t("catalog.facets.showAll", { count: options.length })}
        </button>
      ) : null}
    </section>
  );
}
