import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";

interface PageTitleProps {
  children: string;
  /** Shown under the heading. */
  lead?: ReactNode;
}

/** The page's one h1, also the document title so tabs and history read well. */
export function PageTitle({ children, lead }: PageTitleProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} · ${t("app.name")}`;
  }, [children, t]);
  return (
    <div className="mb-4">
      <h1 className="text-2xl font-bold tracking-tight text-stone-900">{children}</h1>
      {lead ? <div className="mt-1 text-stone-700">{lead}</div> : null}
    </div>
  );
}
