import { useTranslation } from "react-i18next";
import { DateTime } from "@/components/DateTime";
import { formatNumber } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";
import type { components } from "@/lib/api-types";

type Document = components["schemas"]["VerificationDocumentOut"] & { download_url?: string };

function sizeInKb(bytes: number): number {
  return Math.max(1, Math.round(bytes / 1024));
}

/** The papers a wholesaler uploaded; each opens through a short-lived link when the API gives one. */
export function DocumentList({ documents }: { documents: readonly Document[] }) {
  const { t } = useTranslation("admin");
  const locale = useLocale();
  if (documents.length === 0) return <p className="text-stone-700">{t("documents.none")}</p>;
  return (
    <ul aria-label={t("documents.title")} className="flex flex-col gap-2">
      {documents.map((document) => (
        <li key={document.id} className="flex flex-col gap-1 rounded-lg border border-stone-200 bg-white p-3 sm:flex-row sm:items-center sm:justify-between">
          <span className="flex flex-col">
            <span className="font-semibold text-stone-900">{t(`documentKind.${document.kind}`)}</span>
            <span className="text-sm text-stone-700">
              {document.filename} · {t("documents.size", { size: formatNumber(sizeInKb(document.size_bytes), locale) })} ·{" "}
              <DateTime iso={document.created_at} style="dateTime" />
            </span>
          </span>
          {document.download_url ? (
            <a
              href={document.download_url}
              target="_blank"
              rel="noreferrer noopener"
              className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline"
            >
              {t("documents.open", { name: document.filename })}
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
