import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "@/components/Alert";
import type { BulkTransitionResult } from "../api/types";

/** What happened to each selected order: moved, already there, or why not. */
export function BulkResults({ action, results }: { action: "accept" | "dispatch"; results: readonly BulkTransitionResult[] }) {
  const { t } = useTranslation("consoleOrders");
  const succeeded = results.filter((result) => result.ok).length;
  const tone = succeeded === results.length ? "success" : succeeded === 0 ? "error" : "warning";
  return (
    <Alert tone={tone} title={t(`bulk.summary.${action}`, { succeeded, count: results.length })}>
      <ul aria-label={t("bulk.resultsLabel")} className="mt-1 flex flex-col gap-1">
        {results.map((result) => (
          <li key={result.id}>
            {result.number ? (
              <Link to={`/console/orders/${result.id}`} className="font-semibold underline">
                {result.number}
              </Link>
            ) : (
              <span className="font-semibold">{t("bulk.unknownOrder")}</span>
            )}
            {": "}
            {result.ok
              ? result.changed
                ? t("bulk.done", { status: t(`status.${result.status ?? "placed"}`) })
                : t("bulk.already", { status: t(`status.${result.status ?? "placed"}`) })
              : (result.error?.message ?? t("bulk.failed"))}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
