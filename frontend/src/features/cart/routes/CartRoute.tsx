import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { errorMessage } from "@/lib/error-message";
import { cartQuery } from "../api/cart";
import { CartGroupSection } from "../components/CartGroupSection";
import { CartSkeleton } from "../components/CartSkeleton";
import { CartTotals } from "../components/CartTotals";
import { ReorderNotice } from "../components/ReorderNotice";
import { hasBlockingProblem } from "../lib/optimistic-cart";
import { pendingCartChanges, usePendingCartChanges } from "../lib/pending-changes";

export function CartRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cart = useQuery(cartQuery);
  const pending = usePendingCartChanges();
  const [changeError, setChangeError] = useState<unknown>(null);
  const [leaving, setLeaving] = useState(false);

  useEffect(() => {
    if (leaving && pending === 0) void navigate("/checkout");
  }, [leaving, pending, navigate]);

  const onChangeFailed = (error: unknown) => {
    setChangeError(error);
    setLeaving(false);
  };

  const checkout = () => {
    setChangeError(null);
    pendingCartChanges.flush();
    setLeaving(true);
  };

  const body = () => {
    if (cart.isPending) return <CartSkeleton />;
    if (cart.isError) return <ErrorState error={cart.error} onRetry={() => void cart.refetch()} />;
    const data = cart.data;
    if (data.groups.length === 0) {
      return (
        <EmptyState
          title={t("cart.empty.title")}
          action={<LinkButton to="/catalog">{t("cart.empty.action")}</LinkButton>}
        >
          {t("cart.empty.hint")}
        </EmptyState>
      );
    }
    const blocked = hasBlockingProblem(data);
    return (
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="flex flex-col gap-4">
          {data.groups.map((group) => (
            <CartGroupSection key={group.wholesaler_id} group={group} currency={data.currency} onError={onChangeFailed} />
          ))}
        </div>
        <aside
          aria-label={t("cart.summary")}
          className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4 lg:sticky lg:top-20"
        >
          <CartTotals cart={data} />
          {data.groups.length > 1 ? <p className="text-sm text-stone-700">{t("cart.oneOrderEach", { count: data.groups.length })}</p> : null}
          {blocked ? <Alert tone="warning">{t("cart.blocked")}</Alert> : null}
          <Button onClick={checkout} disabled={blocked} isLoading={leaving}>
            {t("cart.checkout")}
          </Button>
        </aside>
      </div>
    );
  };

  return (
    <div className="flex flex-col gap-3">
      <PageTitle lead={t("cart.lead")}>{t("cart.title")}</PageTitle>
      <ReorderNotice />
      {changeError ? (
        <Alert tone="error" title={t("cart.changeFailed")}>
          {errorMessage(t, changeError)}
        </Alert>
      ) : null}
      {body()}
    </div>
  );
}
