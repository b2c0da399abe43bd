import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Button } from "@/components/Button";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { useCanWrite } from "@/lib/audience";
import { type BulkAction, useBulkAction } from "../api/queue";
import { MAX_PICK_LIST_ORDERS, pickListBatches } from "../lib/pick-list-ids";
import type { BulkTransitionResult, OrderStatus } from "../api/types";
import { DispatchForm } from "./DispatchForm";

export interface BulkOutcome {
  action: BulkAction["action"];
  results: BulkTransitionResult[];
}

interface BulkActionsProps {
  selected: ReadonlyMap<string, OrderStatus>;
  onClear: () => void;
  onDone: (outcome: BulkOutcome | null) => void;
}

/** The selected orders: their pick list, accepted or dispatched together, each answered on its own. */
export function BulkActions({ selected, onClear, onDone }: BulkActionsProps) {
  const { t } = useTranslation("consoleOrders");
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const bulk = useBulkAction();
  const [dispatching, setDispatching] = useState(false);
  const dispatchHeading = useRef<HTMLHeadingElement>(null);
  const count = selected.size;
  const orders = [...selected].map(([id, status]) => ({ id, status }));
  const pickLists = pickListBatches([...selected.keys()]);

  useEffect(() => {
    if (dispatching) dispatchHeading.current?.focus();
  }, [dispatching]);

  const run = (action: BulkAction["action"], details?: BulkAction["details"], onError?: (error: unknown) => void) => {
    onDone(null);
    bulk.mutate(
      { action, orders, details },
      {
        onSuccess: (results) => {
          onDone({ action, results });
          setDispatching(false);
          onClear();
        },
        onError,
      },
    );
  };

  return (
    <>
      {count > 0 ? (
        <section
          aria-label={t("bulk.label")}
          className={`z-20 flex flex-col gap-3 rounded-xl border border-brand-700 bg-white p-3 shadow-lg ${dispatching ? "" : "sticky bottom-20 lg:bottom-4"}`}
        >
          <div className="flex flex-wrap items-center gap-2">
            <p className="mr-auto font-semibold" aria-live="polite">
              {t("bulk.selected", { count })}
            </p>
            <Button variant="ghost" onClick={onClear}>
              {t("bulk.clear")}
            </Button>
          </div>
          {!dispatching && bulk.isError ? <FormErrorSummary error={bulk.error} /> : null}
          {!dispatching && pickLists.length > 1 ? (
            <p className="text-sm text-stone-800">{t("bulk.pickListSplit", { max: MAX_PICK_LIST_ORDERS, count: pickLists.length })}</p>
          ) : null}
          {!dispatching ? (
            <div className="grid grid-cols-1 gap-2 sm:flex sm:flex-wrap">
              {pickLists.map((batch, index) => (
                <Button key={batch.from} variant="secondary" onClick={() => void navigate(batch.path)}>
                  {pickLists.length > 1
                    ? t("bulk.pickListPart", { number: index + 1, from: batch.from, to: batch.to })
                    : t("bulk.pickList")}
                </Button>
              ))}
              {canWrite ? (
                <>
                  <Button isLoading={bulk.isPending} onClick={() => run("accept")}>
                    {t("bulk.accept", { count })}
                  </Button>
                  <Button variant="secondary" disabled={bulk.isPending} onClick={() => setDispatching(true)}>
                    {t("bulk.dispatch", { count })}
                  </Button>
                </>
              ) : null}
            </div>
          ) : (
            <div className="flex flex-col gap-2">
              <h2 ref={dispatchHeading} tabIndex={-1} className="text-lg font-semibold">
                {t("bulk.dispatchTitle", { count })}
              </h2>
              <p className="text-sm text-stone-700">{t("bulk.dispatchLead")}</p>
              <DispatchForm
                submitLabel={t("bulk.dispatchConfirm", { count })}
                isPending={bulk.isPending}
                error={bulk.error}
                onSubmit={(details, onError) => run("dispatch", details, onError)}
                onCancel={() => setDispatching(false)}
              />
            </div>
          )}
          {bulk.isPending ? (
            <p role="status" className="text-sm text-stone-700">
              {t("bulk.working", { count })}
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
