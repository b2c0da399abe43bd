import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";
import { downloadFile } from "@/lib/download";

export function useDownloadInvoice() {
  return useMutation({
    mutationFn: ({ id, number }: { id: string; number: string }) =>
      downloadFile(
        () =>
          unwrap(
            api.GET("/subscription/invoices/{id}/invoice.pdf", {
              params: { path: { id } },
              headers: { Accept: "application/pdf" },
              parseAs: "blob",
            }),
          ),
        `${number}.pdf`,
      ),
  });
}
