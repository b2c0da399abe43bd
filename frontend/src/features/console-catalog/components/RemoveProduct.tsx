import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { errorMessage } from "@/lib/error-message";
import { useRemoveProduct } from "../api/products";
import type { Product } from "../api/types";

/** Deleting asks first; a product with sales is archived instead, and the list says which. */
export function RemoveProduct({ product }: { product: Product }) {
  const { t } = useTranslation("consoleCatalog");
  const { t: tApp } = useTranslation();
  const navigate = useNavigate();
  const remove = useRemoveProduct();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button
        variant="ghost"
        className="self-start text-red-800"
        onClick={() => {
          setConfirming(true);
        }}
      >
        {t("remove.start")}
      </Button>
    );
  }
  return (
    <section className="flex flex-col gap-3 rounded-xl border border-red-300 bg-red-50 p-4" aria-label={t("remove.start")}>
      <p className="font-semibold text-red-950">{t("remove.question", { name: product.name })}</p>
      <p className="text-stone-800">{t("remove.lead")}</p>
      {remove.isError ? <Alert tone="error">{errorMessage(tApp, remove.error)}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          variant="danger"
          isLoading={remove.isPending}
          onClick={() => {
            remove.mutate(product.id, {
              onSuccess: (result) =>
                void navigate("/console/products", { state: { removed: { name: product.name, outcome: result.outcome } } }),
            });
          }}
        >
          {t("remove.confirm")}
        </Button>
        <Button
          variant="secondary"
          disabled={remove.isPending}
          onClick={() => {
            setConfirming(false);
          }}
        >
          {t("remove.keep")}
        </Button>
      </div>
    </section>
  );
}
