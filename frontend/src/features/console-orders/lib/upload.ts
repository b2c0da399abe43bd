import { ApiError } from "@/lib/api-error";

export const DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const UPLOAD_FAILED = "upload_failed";
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Why a chosen file cannot be sent, or null: the API's type and size limits, checked before asking. */
export function documentProblem(file: Pick<File, "type" | "size">): "type" | "size" | "empty" | null {
  if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) return "type";
  if (file.size === 0) return "empty";
  if (file.size > MAX_DOCUMENT_BYTES) return "size";
  return null;
}

/**
 * Sends `file` with a presigned POST form, reporting progress (fetch cannot report an upload's
 * progress, XMLHttpRequest can). The storage's refusal is an ApiError
 * coded `upload_failed`.
 */
export function uploadWithProgress(
  url: string,
  fields: Record<string, string>,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", file);
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new ApiError(request.status, UPLOAD_FAILED, `The storage refused the file (${request.status}).`));
      }
    };
    request.onerror = () => reject(ApiError.network(new Error("The upload did not reach storage.")));
    request.send(form);
  });
}
