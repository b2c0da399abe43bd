import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import type { BulkProgress } from "../api/bulk-status";
import type { ProductStatus } from "../api/types";

interface BulkStatusBarProps {
  count: number;
  progress: BulkProgress | null;
  onRun: (status: ProductStatus) => void;
  onClear: () => void;
}

/** What to do with the selected rows, then how far it got and what was refused. */
export function BulkStatusBar({ count, progress, onRun, onClear }: BulkStatusBarProps) {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const running = progress?.running ?? false;
  return (
    <div className="flex flex-col gap-2">
      {count > 0 ? (
        <div className="flex flex-col gap-2 rounded-xl border border-brand-200 bg-brand-50 p-3 sm:flex-row sm:items-center">
          <p className="font-semibold text-brand-950 sm:flex-1">{t("bulk.selected", { count })}</p>
          <div className="flex flex-wrap gap-2">
            <Button isLoading={running && progress?.status === "active"} disabled={running} onClick={() => { onRun("active"); }}>
              {t("bulk.publish")}
            </Button>
            <Button
              variant="secondary"
              isLoading={running && progress?.status === "draft"}
              disabled={running}
              onClick={() => {
                onRun("draft");
              }}
            >
              {t("bulk.unpublish")}
            </Button>
            <Button variant="ghost" disabled={running} onClick={onClear}>
              {t("bulk.clear")}
            </Button>
          </div>
        </div>
      ) : null}
      {progress ? (
        <Alert
          tone={progress.failures.length > 0 && !progress.running ? "warning" : progress.running ? "info" : "success"}
          title={t(progress.running ? "bulk.running" : "bulk.done", { done: progress.done, total: progress.total })}
        >
          {progress.failures.length > 0 ? (
            <ul className="list-disc pl-5">
              {progress.failures.map((failure) => (
                <li key={failure.id}>
                  {failure.name}: {errorMessage(tApp, failure.error)}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
}
