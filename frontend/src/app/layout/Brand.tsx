import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function Brand({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="flex min-h-11 shrink-0 items-center gap-2 text-lg font-bold whitespace-nowrap text-brand-800">
      <svg viewBox="0 0 32 32" className="size-8" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="currentColor" />
        <path d="M9 12h14l-1.5 11h-11z" fill="#fff" />
        <path d="M12 12a4 4 0 0 1 8 0" stroke="#fff" strokeWidth="2" fill="none" />
      </svg>
      {t("app.name")}
    </Link>
  );
}
