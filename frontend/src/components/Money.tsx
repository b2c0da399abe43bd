import { config } from "@/lib/config";
import { formatMoney } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";

interface MoneyProps {
  /** A decimal string as the API sends it, e.g. "1150.00". */
  amount: string;
  currency?: string;
  className?: string;
}

export function Money({ amount, currency = config.currency, className }: MoneyProps) {
  const locale = useLocale();
  return <span className={`tabular-nums ${className ?? ""}`}>{formatMoney(amount, currency, locale)}</span>;
}
