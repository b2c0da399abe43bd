import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LinkButton } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";
import { Skeleton } from "@/components/Skeleton";

/** A detail page's loading and error states; `children` renders once the data is there. */
export function DetailStates<Data>({ query, back, children }: { query: UseQueryResult<Data>; back: string; children: (data: Data) => ReactNode }) {
  const { t } = useTranslation("admin");
  if (query.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-3">
        <span className="sr-only">{t("list.loading")}</span>
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        action={
          <LinkButton to={back} variant="ghost">
            {t("actions.back")}
          </LinkButton>
        }
      />
    );
  }
  return <>{children(query.data)}</>;
}
