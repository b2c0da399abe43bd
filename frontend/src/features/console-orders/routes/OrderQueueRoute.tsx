import { useTranslation } from "react-i18next";
import { PageTitle } from "@/components/PageTitle";

export function OrderQueueRoute() {
  const { t } = useTranslation("consoleOrders");
  return <PageTitle>{t("title.orders")}</PageTitle>;
}
