import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { downloadInvoice } from "../api/orders";

export function InvoiceButton({ orderId, invoiceNumber }: { orderId: string; invoiceNumber: string }) {
  const { t } = useTranslation();
  const download = useMutation({ mutationFn: () => downloadInvoice(orderId, `${invoiceNumber}.pdf`) });
  return (
    <div className="flex flex-col gap-2">
      <Button variant="secondary" isLoading={download.isPending} onClick={() => download.mutate()}>
        {t("orders.invoice", { number: invoiceNumber })}
      </Button>
      {download.isError ? <Alert tone="error">{errorMessage(t, download.error)}</Alert> : null}
    </div>
  );
}
