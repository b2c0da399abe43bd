import { useTranslation } from "react-i18next";
import { LinkButton } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { PageTitle } from "@/components/PageTitle";

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="mx-auto max-w-lg p-4">
      <PageTitle>{t("notFound.title")}</PageTitle>
      <EmptyState title={t("notFound.lead")} action={<LinkButton to="/">{t("notFound.action")}</LinkButton>} />
    </main>
  );
}
