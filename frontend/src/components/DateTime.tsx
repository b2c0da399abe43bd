import { type DateStyle, formatDate } from "@/lib/format";
import { useLocale } from "@/lib/use-locale";

interface DateTimeProps {
  iso: string;
  style?: DateStyle;
}

export function DateTime({ iso, style = "date" }: DateTimeProps) {
  const locale = useLocale();
  return <time dateTime={iso}>{formatDate(iso, locale, style)}</time>;
}
