/**
 * One request through XMLHttpRequest, the only browser API that reports upload progress.
 * Answers the status and text of any response; rejects only when no response came.
 */
export interface XhrRequest {
  method: "POST" | "PUT";
  url: string;
  headers?: Record<string, string>;
  body: XMLHttpRequestBodyInit;
  /** Fraction of the body sent, from 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface XhrResponse {
  status: number;
  text: string;
  header: (name: string) => string | null;
}

export function sendWithProgress({ method, url, headers = {}, body, onProgress, signal }: XhrRequest): Promise<XhrResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      onProgress?.(1);
      resolve({ status: xhr.status, text: xhr.responseText, header: (name) => xhr.getResponseHeader(name) });
    };
    xhr.onerror = () => {
      reject(new TypeError("The upload did not reach the server."));
    };
    xhr.onabort = () => {
      reject(new DOMException("The upload was cancelled.", "AbortError"));
    };
    signal?.addEventListener("abort", () => {
      xhr.abort();
    });
    xhr.send(body);
  });
}
