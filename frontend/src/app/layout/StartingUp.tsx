import { useTranslation } from "react-i18next";
import { Spinner } from "@/components/Spinner";

/** Shown while the app restores a session before the first page. */
export function StartingUp() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh items-center justify-center text-brand-700">
      <Spinner className="size-8" label={t("app.starting")} />
    </div>
  );
}
