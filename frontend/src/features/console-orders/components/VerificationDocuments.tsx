import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import { ErrorState } from "@/components/ErrorState";
import { SelectField } from "@/components/SelectField";
import { Skeleton } from "@/components/Skeleton";
import { ApiError } from "@/lib/api-error";
import { errorMessage } from "@/lib/error-message";
import { documentsQuery, useRemoveDocument, useUploadDocument } from "../api/business";
import type { DocumentKind, VerificationDocument } from "../api/types";
import { DOCUMENT_TYPES, UPLOAD_FAILED, documentProblem } from "../lib/upload";

const KINDS: readonly DocumentKind[] = ["business_registration", "tax_certificate", "id_document", "other"];

function DocumentRow({ document, canRemove }: { document: VerificationDocument; canRemove: boolean }) {
  const { t } = useTranslation("consoleOrders");
  const { t: common } = useTranslation();
  const remove = useRemoveDocument();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-stone-200 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="flex min-w-0 flex-col">
          <span className="font-semibold break-all">{document.filename}</span>
          <span className="text-sm text-stone-700">
            {t(`business.documents.kinds.${document.kind}`)} · <DateTime iso={document.created_at} />
          </span>
        </span>
        {canRemove && !confirming ? (
          <Button variant="ghost" onClick={() => setConfirming(true)}>
            {t("business.documents.remove")}
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <div className="flex flex-col gap-2 rounded-lg bg-red-50 p-3">
          <p>{t("business.documents.removeConfirm", { name: document.filename })}</p>
          {remove.isError ? <Alert tone="error">{errorMessage(common, remove.error)}</Alert> : null}
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button variant="danger" isLoading={remove.isPending} onClick={() => remove.mutate(document.id)}>
              {t("business.documents.removeYes")}
            </Button>
            <Button variant="secondary" disabled={remove.isPending} onClick={() => setConfirming(false)}>
              {t("business.documents.keep")}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function UploadForm() {
  const { t } = useTranslation("consoleOrders");
  const { t: common } = useTranslation();
  const fileId = useId();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadDocument();
  const [kind, setKind] = useState<DocumentKind>("business_registration");
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);

  const send = () => {
    const file = input.current?.files?.[0];
    if (!file) {
      setProblem(t("business.documents.pick"));
      return;
    }
    const wrong = documentProblem(file);
    if (wrong) {
      setProblem(t(`business.documents.problem.${wrong}`));
      return;
    }
    setProblem(null);
    setProgress(0);
    upload.mutate(
      { kind, file, onProgress: setProgress },
      {
        onSuccess: () => {
          if (input.current) input.current.value = "";
        },
      },
    );
  };

  const failure =
    upload.error instanceof ApiError && upload.error.code === UPLOAD_FAILED
      ? t("business.documents.uploadFailed")
      : upload.isError
        ? errorMessage(common, upload.error)
        : null;

  return (
    <div className="flex flex-col gap-3 border-t border-stone-200 pt-3">
      <h3 className="font-semibold">{t("business.documents.add")}</h3>
      <SelectField
        label={t("business.documents.kind")}
        value={kind}
        onChange={(event) => setKind(KINDS.find((candidate) => candidate === event.target.value) ?? "other")}
      >
        {KINDS.map((option) => (
          <option key={option} value={option}>
            {t(`business.documents.kinds.${option}`)}
          </option>
        ))}
      </SelectField>
      <div className="flex flex-col gap-1">
        <label htmlFor={fileId} className="text-sm font-semibold text-stone-800">
          {t("business.documents.file")}
        </label>
        <input
          ref={input}
          id={fileId}
          type="file"
          accept={DOCUMENT_TYPES.join(",")}
          aria-describedby={`${fileId}-hint`}
          aria-invalid={problem ? true : undefined}
          className="min-h-12 rounded-lg border border-stone-400 bg-white p-2 text-base"
          onChange={() => setProblem(null)}
        />
        <p id={`${fileId}-hint`} className="text-sm text-stone-600">
          {t("business.documents.fileHint")}
        </p>
        {problem ? <p className="text-sm font-medium text-red-800">{problem}</p> : null}
      </div>
      {upload.isPending ? (
        <div className="flex flex-col gap-1">
          <progress
            max={100}
            value={Math.round(progress * 100)}
            aria-label={t("business.documents.progress")}
            className="h-3 w-full accent-brand-700"
          />
          <span className="text-sm text-stone-700">{Math.round(progress * 100)}%</span>
        </div>
      ) : null}
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      {upload.isSuccess ? <Alert tone="success">{t("business.documents.uploaded")}</Alert> : null}
      <Button onClick={send} isLoading={upload.isPending} className="self-start">
        {t("business.documents.upload")}
      </Button>
    </div>
  );
}

/** While verification is pending, the owner sends the papers the platform's staff review. */
export function VerificationDocuments({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation("consoleOrders");
  const documents = useQuery(documentsQuery);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-stone-800">{t("business.documents.lead")}</p>
      {documents.isPending ? (
        <Skeleton className="h-16 w-full" />
      ) : documents.isError ? (
        <ErrorState error={documents.error} onRetry={() => void documents.refetch()} />
      ) : documents.data.items.length === 0 ? (
        <p className="text-stone-700">{t("business.documents.none")}</p>
      ) : (
        <ul aria-label={t("business.documents.listLabel")} className="flex flex-col gap-2">
          {documents.data.items.map((document) => (
            <DocumentRow key={document.id} document={document} canRemove={canEdit} />
          ))}
        </ul>
      )}
      {canEdit ? <UploadForm /> : <p className="text-sm text-stone-700">{t("business.ownerOnly")}</p>}
    </div>
  );
}
