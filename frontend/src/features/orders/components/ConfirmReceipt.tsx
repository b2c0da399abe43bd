import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { useConfirmReceipt } from "../api/orders";

/** The retailer says the goods arrived: the order is completed. */
export function ConfirmReceipt({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const confirm = useConfirmReceipt(orderId);
  return (
    <section className="flex flex-col gap-2 rounded-xl border border-brand-300 bg-brand-50 p-4">
      <h2 className="text-lg font-semibold">{t("orders.receipt.title")}</h2>
      <p className="text-stone-800">{t("orders.receipt.lead")}</p>
      {confirm.isError ? <Alert tone="error">{errorMessage(t, confirm.error)}</Alert> : null}
      <Button isLoading={confirm.isPending} onClick={() => confirm.mutate(null)}>
        {t("orders.receipt.action")}
      </Button>
    </section>
  );
}
