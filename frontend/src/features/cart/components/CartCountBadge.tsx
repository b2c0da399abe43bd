import { useTranslation } from "react-i18next";
import { useCartCount } from "../api/cart";

/** The number of lines in the cart, over the cart's entry in the navigation. */
export function CartCountBadge({ className = "" }: { className?: string }) {
  const { t } = useTranslation();
  const count = useCartCount();
  if (!count) return null;
  return (
    <span className={`pointer-events-none ${className}`}>
      <span
        aria-hidden="true"
        data-testid="cart-count"
        className="flex min-w-5 items-center justify-center rounded-full bg-brand-700 px-1 text-xs font-bold text-white"
      >
        {count}
      </span>
      <span className="sr-only">{t("cart.badge", { count })}</span>
    </span>
  );
}
