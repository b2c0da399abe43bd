import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Alert } from "@/components/Alert";
import { Button, LinkButton } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { Field } from "@/components/Field";
import { Money } from "@/components/Money";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { cartQuery } from "@/features/cart/api/cart";
import { CartTotals } from "@/features/cart/components/CartTotals";
import { ApiError } from "@/lib/api-error";
import { detailMessage, errorMessage, nextStep } from "@/lib/error-message";
import { useSessionStore } from "@/lib/session-store";
import { isRefusal, usePlaceCheckout } from "../api/checkout";
import type { CheckoutRequest } from "../api/types";
import { type PaymentChoice, PaymentMethodPicker } from "../components/PaymentMethodPicker";
import { compactPhone, phoneProblem } from "@/lib/payments/phone";
import { OFFERED_PROVIDERS } from "@/lib/payments/providers";

function fieldError(error: unknown, field: string): ApiError["details"][number] | undefined {
  return error instanceof ApiError ? error.details.find((detail) => detail.field === field) : undefined;
}

export function CheckoutRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSessionStore((state) => state.session?.user);
  const cart = useQuery(cartQuery);
  const place = usePlaceCheckout();
  const [choice, setChoice] = useState<PaymentChoice>(OFFERED_PROVIDERS[0] ?? "pay_on_delivery");
  const [phone, setPhone] = useState(user?.phone ?? "");
  const [showPhoneProblem, setShowPhoneProblem] = useState(false);
  const sending = useRef(false);

  if (cart.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-3">
        <span className="sr-only">{t("cart.loading")}</span>
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (cart.isError) return <ErrorState error={cart.error} onRetry={() => void cart.refetch()} />;
  const data = cart.data;
  if (data.groups.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        <PageTitle>{t("checkout.title")}</PageTitle>
        <EmptyState title={t("cart.empty.title")} action={<LinkButton to="/catalog">{t("cart.empty.action")}</LinkButton>}>
          {t("checkout.emptyHint")}
        </EmptyState>
      </div>
    );
  }

  const payOnDelivery = choice === "pay_on_delivery";
  const payOnDeliveryAvailable = data.groups.every((group) => group.pay_on_delivery_available);
  const problem = payOnDelivery ? null : phoneProblem(choice, phone);
  const emailUnverified = user ? !user.email_verified : false;
  const phoneApiError = fieldError(place.error, "payment.payer_phone");
  const methodApiError = fieldError(place.error, "payment.provider");
  const phoneError = showPhoneProblem && problem ? t(`payment.phone.${problem}`) : phoneApiError ? detailMessage(t, phoneApiError) : undefined;
  const generalError = place.isError && !phoneApiError && !methodApiError ? place.error : null;

  const submit = () => {
    if (sending.current) return;
    if (problem) {
      setShowPhoneProblem(true);
      return;
    }
    const body: CheckoutRequest = {
      cart_version: data.version,
      payment: payOnDelivery
        ? { method: "pay_on_delivery" }
        : { method: "mobile_money", provider: choice, payer_phone: compactPhone(phone) },
    };
    sending.current = true;
    place.mutate(body, {
      onSettled: () => {
        sending.current = false;
      },
      onSuccess: (result) => {
        if (result.payment_id) {
          void navigate(`/payments/${result.payment_id}`, { replace: true });
        } else {
          void navigate("/orders", { replace: true, state: { placed: result.orders.map((order) => order.number) } });
        }
      },
    });
  };

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <Link to="/cart" className="self-start py-2 font-semibold text-brand-800 underline">
        ← {t("checkout.backToCart")}
      </Link>
      <PageTitle lead={t("checkout.lead")}>{t("checkout.title")}</PageTitle>
      <section aria-labelledby="checkout-orders" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
        <h2 id="checkout-orders" className="text-lg font-semibold">
          {t("checkout.orders", { count: data.groups.length })}
        </h2>
        <ul className="flex flex-col gap-2">
          {data.groups.map((group) => (
            <li key={group.wholesaler_id} className="flex items-start justify-between gap-3">
              <span>
                <span className="font-semibold">{group.wholesaler_name}</span>
                <span className="block text-sm text-stone-700">
                  {t("checkout.groupLine", { count: group.lines.length })} · {t(`cart.delivery.${group.delivery.method}`)}
                </span>
              </span>
              <Money amount={group.total} currency={data.currency} className="font-semibold" />
            </li>
          ))}
        </ul>
        <div className="border-t border-stone-200 pt-3">
          <CartTotals cart={data} />
        </div>
      </section>

      <form
        noValidate
        className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <PaymentMethodPicker
          providers={OFFERED_PROVIDERS}
          value={choice}
          onChange={(next) => {
            setChoice(next);
            place.reset();
          }}
          payOnDeliveryAvailable={payOnDeliveryAvailable}
          error={methodApiError ? detailMessage(t, methodApiError) : undefined}
        />
        {payOnDelivery ? null : (
          <Field
            label={t("payment.phone.label", { provider: t(`payment.providers.${choice}`) })}
            hint={t("payment.phone.hint")}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={phone}
            error={phoneError}
            onChange={(event) => {
              setPhone(event.target.value);
              setShowPhoneProblem(false);
            }}
            onBlur={() => setShowPhoneProblem(true)}
          />
        )}
        {emailUnverified ? <Alert tone="warning">{t("checkout.verifyEmail")}</Alert> : null}
        {generalError ? (
          <Alert tone="error" title={errorMessage(t, generalError)}>
            {generalError instanceof ApiError && generalError.code === "cart_changed"
              ? t("checkout.cartChanged")
              : isRefusal(generalError)
                ? nextStep(t, generalError)
                : t("checkout.sendAgain")}
          </Alert>
        ) : null}
        <Button type="submit" isLoading={place.isPending} disabled={emailUnverified}>
          {payOnDelivery ? (
            t("checkout.placePayOnDelivery")
          ) : (
            <span>
              {t("checkout.pay", { provider: t(`payment.providers.${choice}`) })}{" "}
              <Money amount={data.grand_total} currency={data.currency} />
            </span>
          )}
        </Button>
      </form>
    </div>
  );
}
