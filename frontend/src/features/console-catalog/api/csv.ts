import { ApiError, isErrorEnvelope } from "@/lib/api-error";
import { api, refreshSession, unwrap } from "@/lib/api-client";
import { accessTokenExpiresSoon, currentAccessToken } from "@/lib/auth-session";
import { RENEW_BEFORE_EXPIRY_MS } from "@/lib/auth-fetch";
import { config } from "@/lib/config";
import { downloadFile } from "@/lib/download";
import { IMPORT_COLUMNS } from "../lib/csv-preview";
import { type XhrResponse, sendWithProgress } from "../lib/xhr";
import type { ImportMode, ImportResult } from "./types";

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  onProgress: (fraction: number) => void;
  signal?: AbortSignal;
}

async function token(): Promise<string | null> {
  const current = currentAccessToken();
  if (current && !accessTokenExpiresSoon(RENEW_BEFORE_EXPIRY_MS)) return current;
  return (await refreshSession()) ?? current;
}

function errorOf(response: XhrResponse): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(response.text);
  } catch {
    body = null;
  }
  const retryAfter = Number(response.header("Retry-After"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  if (isErrorEnvelope(body)) {
    const { code, message, details } = body.error;
    return new ApiError(response.status, code, message, details, retryAfterSeconds);
  }
  return new ApiError(response.status, "unexpected_response", `The server answered ${String(response.status)}.`);
}

/**
 * Sends the CSV file to `POST /inventory/import` with XMLHttpRequest, for the upload's
 * progress; the session's token as the API client sends it, renewed once on a 401.
 */
export async function importCsv(file: Blob, { mode, dryRun, onProgress, signal }: ImportOptions): Promise<ImportResult> {
  const url = `${config.apiUrl}/inventory/import?mode=${mode}&dry_run=${String(dryRun)}`;
  const send = async (bearer: string | null) => {
    try {
      return await sendWithProgress({
        method: "POST",
        url,
        headers: { "Content-Type": "text/csv", Accept: "application/json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        body: file,
        onProgress,
        signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
      throw ApiError.network(cause);
    }
  };
  const first = await token();
  let response = await send(first);
  if (response.status === 401 && first) {
    const renewed = await refreshSession();
    if (renewed) response = await send(renewed);
  }
  if (response.status >= 200 && response.status < 300) return JSON.parse(response.text) as ImportResult;
  throw errorOf(response);
}

function today(): string {
  return new Date().toISOString().slice(0, 10).replaceAll("-", "");
}

/** Every product of the business as the import's CSV. */
export function downloadExport(): Promise<void> {
  return downloadFile(
    () => unwrap(api.GET("/inventory/export", { headers: { Accept: "text/csv" }, parseAs: "blob" })),
    `inventory-${today()}.csv`,
  );
}

const TEMPLATE_ROW = [
  "SKU-001",
  "",
  "Example product",
  "",
  "rice",
  "",
  "bale of 10 x 2 kg",
  "10",
  "2",
  "1",
  "2:1500.00|10:1450.00",
  "5",
  "2",
  "draft",
  "0",
];

/** The import's columns and one example row, to fill in a spreadsheet. */
export function downloadTemplate(): Promise<void> {
  const text = `${IMPORT_COLUMNS.join(",")}\r\n${TEMPLATE_ROW.join(",")}\r\n`;
  return downloadFile(() => Promise.resolve(new Blob([text], { type: "text/csv" })), "inventory-template.csv");
}
