import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { useAddToCart, useIsRetailer } from "../api/cart";

interface AddToCartButtonProps {
  productId: string;
  quantity: number;
  unit: string;
}

/** Adds the chosen quantity to the cart (on top of what is there) and says so, with the way to the cart. */
export function AddToCartButton({ productId, quantity, unit }: AddToCartButtonProps) {
  const { t } = useTranslation();
  const isRetailer = useIsRetailer();
  const add = useAddToCart();
  if (!isRetailer) return null;
  const inCart = add.data?.groups.flatMap((group) => group.lines).find((line) => line.product_id === productId);
  return (
    <div className="flex flex-col gap-2">
      <Button
        isLoading={add.isPending}
        onClick={() => add.mutate({ product_id: productId, quantity })}
        className="w-full"
      >
        {t("cart.add", { count: quantity, unit })}
      </Button>
      {add.isSuccess && inCart ? (
        <Alert tone="success" title={t("cart.added", { count: inCart.quantity, unit })}>
          <LinkButton to="/cart" variant="secondary" className="mt-2">
            {t("cart.view")}
          </LinkButton>
        </Alert>
      ) : null}
      {add.isError ? (
        <Alert tone="error" title={t("cart.addFailed")}>
          {errorMessage(t, add.error)}
        </Alert>
      ) : null}
    </div>
  );
}
