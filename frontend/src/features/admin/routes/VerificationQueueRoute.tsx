import { useTranslation } from "react-i18next";
import { PageTitle } from "@/components/PageTitle";

export function VerificationQueueRoute() {
  const { t } = useTranslation("admin");
  return <PageTitle>{t("title.verification")}</PageTitle>;
}
