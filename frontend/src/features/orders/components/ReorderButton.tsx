import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { useReorder } from "../api/orders";

/** One tap: today's prices, into the cart, then the cart says what could not be added. */
export function ReorderButton({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const reorder = useReorder(orderId);
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="secondary"
        isLoading={reorder.isPending}
        onClick={() =>
          reorder.mutate(undefined, {
            onSuccess: ({ added, skipped }) => void navigate("/cart", { state: { reorder: { added, skipped } } }),
          })
        }
      >
        {t("orders.reorder")}
      </Button>
      {reorder.isError ? <Alert tone="error">{errorMessage(t, reorder.error)}</Alert> : null}
    </div>
  );
}
