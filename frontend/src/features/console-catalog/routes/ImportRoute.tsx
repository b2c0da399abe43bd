import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button, LinkButton, buttonClasses } from "@/components/Button";
import { PageTitle } from "@/components/PageTitle";
import { Spinner } from "@/components/Spinner";
import { ApiError } from "@/lib/api-error";
import { useCanWrite } from "@/lib/audience";
import { detailMessage, errorMessage } from "@/lib/error-message";
import { useQueryClient } from "@tanstack/react-query";
import { downloadExport, downloadTemplate, importCsv } from "../api/csv";
import { INVENTORY_KEY } from "../api/products";
import type { ImportMode, ImportResult } from "../api/types";
import { CatalogTabs } from "../components/CatalogTabs";
import { ImportPreview } from "../components/ImportPreview";
import { ProgressBar } from "../components/ProgressBar";
import {
  type CsvPreview,
  MAX_IMPORT_BYTES,
  type RowProblem,
  previewCsv,
  problemsByCell,
  rowProblemOf,
  rowsToShow,
} from "../lib/csv-preview";

const PREVIEW_ROWS = 10;

interface Chosen {
  file: File;
  text: string;
  preview: CsvPreview;
}

type Step =
  | { kind: "idle" }
  | { kind: "sending"; dryRun: boolean; fraction: number }
  | { kind: "done"; dryRun: boolean; result: ImportResult }
  | { kind: "failed"; dryRun: boolean; error: unknown };

function problemsOf(step: Step): RowProblem[] {
  if (step.kind === "done") return step.result.problems;
  if (step.kind === "failed" && step.error instanceof ApiError) {
    return step.error.details.map(rowProblemOf).filter((problem): problem is RowProblem => problem !== null);
  }
  return [];
}

export function ImportRoute() {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>("all_or_nothing");
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [downloading, setDownloading] = useState<"export" | "template" | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const send = async (file: File, dryRun: boolean, sendMode: ImportMode) => {
    setStep({ kind: "sending", dryRun, fraction: 0 });
    try {
      const result = await importCsv(file, {
        mode: sendMode,
        dryRun,
        onProgress: (fraction) => {
          setStep({ kind: "sending", dryRun, fraction });
        },
      });
      setStep({ kind: "done", dryRun, result });
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: INVENTORY_KEY });
    } catch (error) {
      setStep({ kind: "failed", dryRun, error });
    }
  };

  const choose = async (file: File | undefined) => {
    setChosen(null);
    setStep({ kind: "idle" });
    setFileProblem(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setFileProblem(t("import.tooLarge", { name: file.name }));
      return;
    }
    const text = await file.text();
    setChosen({ file, text, preview: previewCsv(text, PREVIEW_ROWS) });
    await send(file, true, mode);
  };

  const problems = problemsOf(step);
  const cells = useMemo(() => problemsByCell(problems), [problems]);
  const rows = useMemo(
    () => (chosen ? rowsToShow(chosen.preview, chosen.text, new Set(cells.keys()), PREVIEW_ROWS) : []),
    [chosen, cells],
  );
  const fileWide =
    step.kind === "failed" && step.error instanceof ApiError
      ? step.error.details.filter((detail) => rowProblemOf(detail) === null)
      : [];
  const checked = step.kind === "done" && step.dryRun ? step.result : null;
  const imported = step.kind === "done" && !step.dryRun ? step.result : null;
  const badRows = new Set(problems.map((problem) => problem.row)).size;
  const importable = checked ? checked.rows - badRows : 0;
  const canImport = checked !== null && importable > 0 && (mode === "valid_only" || badRows === 0);

  const download = (which: "export" | "template") => {
    setDownloading(which);
    setDownloadError(null);
    (which === "export" ? downloadExport() : downloadTemplate())
      .catch((error: unknown) => {
        setDownloadError(error);
      })
      .finally(() => {
        setDownloading(null);
      });
  };

  return (
    <div className="flex flex-col gap-4">
      <PageTitle lead={t("import.lead")}>{t("title.import")}</PageTitle>
      <CatalogTabs />

      <section aria-labelledby={`${inputId}-files`} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
        <h2 id={`${inputId}-files`} className="text-lg font-semibold">
          {t("import.filesTitle")}
        </h2>
        <p className="text-stone-700">{t("import.filesHint")}</p>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" isLoading={downloading === "template"} onClick={() => { download("template"); }}>
            {t("import.template")}
          </Button>
          <Button variant="secondary" isLoading={downloading === "export"} onClick={() => { download("export"); }}>
            {t("import.export")}
          </Button>
        </div>
        {downloadError ? <Alert tone="error">{errorMessage(tApp, downloadError)}</Alert> : null}
      </section>

      {canWrite ? (
        <section aria-labelledby={`${inputId}-import`} className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4">
          <h2 id={`${inputId}-import`} className="text-lg font-semibold">
            {t("import.importTitle")}
          </h2>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-semibold text-stone-800">{t("import.modeLabel")}</legend>
            {(["all_or_nothing", "valid_only"] as const).map((value) => (
              <div key={value} className="flex min-h-11 items-start gap-3">
                <input
                  id={`${inputId}-${value}`}
                  type="radio"
                  name="mode"
                  value={value}
                  checked={mode === value}
                  aria-describedby={`${inputId}-${value}-hint`}
                  className="mt-0.5 size-6 shrink-0 accent-brand-700"
                  onChange={() => {
                    setMode(value);
                  }}
                />
                <div>
                  <label htmlFor={`${inputId}-${value}`} className="block font-semibold">
                    {t(`import.mode.${value}`)}
                  </label>
                  <p id={`${inputId}-${value}-hint`} className="text-sm text-stone-700">
                    {t(`import.modeHint.${value}`)}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          <label
            htmlFor={inputId}
            className={buttonClasses("primary", "cursor-pointer self-start focus-within:ring-2 focus-within:ring-brand-600 focus-within:ring-offset-2")}
          >
            {t(chosen ? "import.chooseAnother" : "import.choose")}
            <input
              id={inputId}
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              disabled={step.kind === "sending"}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = "";
                void choose(file);
              }}
            />
          </label>
          {chosen ? (
            <p className="text-stone-800">
              {t("import.chosen", { name: chosen.file.name, count: chosen.preview.total })}
            </p>
          ) : null}
          {fileProblem ? <Alert tone="error">{fileProblem}</Alert> : null}

          {step.kind === "sending" ? (
            step.fraction < 1 ? (
              <ProgressBar
                label={t(step.dryRun ? "import.uploadingCheck" : "import.uploadingImport")}
                fraction={step.fraction}
              />
            ) : (
              <p role="status" className="flex items-center gap-2 text-stone-800">
                <Spinner className="size-4" />
                {t(step.dryRun ? "import.checking" : "import.importing")}
              </p>
            )
          ) : null}

          {step.kind === "failed" ? (
            <Alert tone="error" title={errorMessage(tApp, step.error)}>
              {fileWide.length > 0 ? (
                <ul className="list-disc pl-5">
                  {fileWide.map((detail) => (
                    <li key={`${detail.field}-${detail.code}`}>{detailMessage(tApp, detail)}</li>
                  ))}
                </ul>
              ) : problems.length > 0 ? (
                <p>{t("import.fixRows", { count: new Set(problems.map((p) => p.row)).size })}</p>
              ) : null}
            </Alert>
          ) : null}

          {checked ? (
            badRows > 0 ? (
              <Alert tone="warning" title={t("import.checkedWithProblems", { bad: badRows, total: checked.rows })}>
                <p>{mode === "valid_only" ? t("import.skipHint", { count: importable }) : t("import.allOrNothingHint")}</p>
              </Alert>
            ) : (
              <Alert tone="success" title={t("import.checkedClean", { count: checked.rows })}>
                <p>{t("import.wouldDo", { created: checked.created, updated: checked.updated - checked.unchanged, unchanged: checked.unchanged })}</p>
              </Alert>
            )
          ) : null}

          {imported ? (
            <Alert tone="success" title={t("import.imported", { count: imported.created + imported.updated })}>
              <p>
                {t("import.importedDetail", {
                  created: imported.created,
                  updated: imported.updated - imported.unchanged,
                  unchanged: imported.unchanged,
                  skipped: imported.skipped,
                  movements: imported.stock_movements,
                })}
              </p>
              <LinkButton to="/console/products" variant="secondary" className="mt-2">
                {t("import.seeProducts")}
              </LinkButton>
            </Alert>
          ) : null}

          {checked && chosen ? (
            <Button
              className="self-start"
              disabled={!canImport}
              onClick={() => void send(chosen.file, false, mode)}
            >
              {badRows > 0 && mode === "valid_only"
                ? t("import.runValid", { count: importable })
                : t("import.run", { count: checked.rows })}
            </Button>
          ) : null}
          {checked && chosen && mode === "all_or_nothing" && badRows > 0 ? (
            <Button
              variant="secondary"
              className="self-start"
              onClick={() => {
                setMode("valid_only");
              }}
            >
              {t("import.switchToValid")}
            </Button>
          ) : null}
        </section>
      ) : null}

      {chosen && rows.length > 0 ? (
        <section aria-labelledby={`${inputId}-preview`} className="flex flex-col gap-2">
          <h2 id={`${inputId}-preview`} className="text-lg font-semibold">
            {t("import.previewTitle")}
          </h2>
          <p className="text-sm text-stone-700">
            {t("import.previewHint", { shown: rows.length, total: chosen.preview.total })}
          </p>
          {problems.length > 0 ? (
            <ul aria-label={t("import.problemList")} className="flex flex-col gap-1 rounded-xl border border-red-300 bg-red-50 p-3 text-sm text-red-950">
              {problems.map((problem) => (
                <li key={`${String(problem.row)}-${problem.column}-${problem.code}`}>
                  {t("import.problem", { row: problem.row, column: problem.column, message: problem.message })}
                </li>
              ))}
            </ul>
          ) : null}
          <ImportPreview header={chosen.preview.header} rows={rows} problems={cells} />
        </section>
      ) : null}
    </div>
  );
}
