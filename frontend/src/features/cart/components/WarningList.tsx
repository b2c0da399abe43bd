import { useTranslation } from "react-i18next";
import { formatMoney } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";
import type { CartLine, CartWarning } from "../api/types";

interface WarningListProps {
  warnings: readonly CartWarning[];
  /** The line the warnings are about (its stock and prices fill in the words); none for a wholesaler's. */
  line?: CartLine;
  currency: string;
}

/** The API's warnings about a line or a wholesaler, in the reader's language. */
export function WarningList({ warnings, line, currency }: WarningListProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (warnings.length === 0) return null;
  const say = (warning: CartWarning): string => {
    switch (warning.code) {
      case "price_changed":
        return line
          ? t("cart.warnings.price_changed", {
              was: formatMoney(line.unit_price_when_added, currency, locale),
              now: formatMoney(line.unit_price, currency, locale),
            })
          : warning.message;
      case "insufficient_stock":
        return t("cart.warnings.insufficient_stock", { count: line?.stock_on_hand ?? 0 });
      default:
        return t(`cart.warnings.${warning.code}`);
    }
  };
  return (
    <ul className="flex flex-col gap-1 text-sm font-semibold text-amber-900">
      {warnings.map((warning) => (
        <li key={warning.code}>{say(warning)}</li>
      ))}
    </ul>
  );
}
