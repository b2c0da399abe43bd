import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { Button, LinkButton } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";

function isChunkLoadFailure(error: unknown): boolean {
  return error instanceof TypeError && /dynamically imported module|Importing a module script/i.test(error.message);
}

/** A page that could not load: its code (a dropped connection) or the session (API unreachable). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const reload = (
    <Button variant="secondary" onClick={() => window.location.reload()}>
      {t("actions.reload")}
    </Button>
  );
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-4">
      {isChunkLoadFailure(error) ? (
        <div role="alert" className="flex flex-col items-start gap-3 rounded-xl border border-red-200 bg-white p-4">
          <h1 className="text-lg font-semibold text-red-900">{t("errors.pageNotLoaded")}</h1>
          <p>{t("errors.next.network")}</p>
          {reload}
        </div>
      ) : isRouteErrorResponse(error) && error.status === 404 ? (
        <div className="flex flex-col items-start gap-3">
          <h1 className="text-xl font-semibold">{t("notFound.title")}</h1>
          <LinkButton to="/">{t("notFound.action")}</LinkButton>
        </div>
      ) : (
        <ErrorState error={error} title={t("errors.pageNotLoaded")} action={reload} />
      )}
    </main>
  );
}
