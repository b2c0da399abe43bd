import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "@/lib/api-client";

/**
 * A link cannot carry the bearer token, so the PDF is fetched with it and handed to the
 * browser as a download of the received blob.
 */
export async function downloadInvoicePdf(invoiceId: string, fileName: string): Promise<void> {
  const blob = await unwrap(
    api.GET("/subscription/invoices/{id}/invoice.pdf", {
      params: { path: { id: invoiceId } },
      headers: { Accept: "application/pdf" },
      parseAs: "blob",
    }),
  );
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export function useDownloadInvoice() {
  return useMutation({
    mutationFn: ({ id, number }: { id: string; number: string }) => downloadInvoicePdf(id, `${number}.pdf`),
  });
}
