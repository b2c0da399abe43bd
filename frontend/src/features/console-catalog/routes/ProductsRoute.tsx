import { useTranslation } from "react-i18next";
import { PageTitle } from "@/components/PageTitle";

export function ProductsRoute() {
  const { t } = useTranslation("consoleCatalog");
  return <PageTitle>{t("title.products")}</PageTitle>;
}
