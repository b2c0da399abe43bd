import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { Alert } from "@/components/Alert";
import type { components } from "@/lib/api-types";

type Skipped = components["schemas"]["ReorderSkipped"];

interface ReorderState {
  added: number;
  skipped: Skipped[];
}

function reorderState(state: unknown): ReorderState | null {
  if (typeof state !== "object" || state === null || !("reorder" in state)) return null;
  const reorder = state.reorder as Partial<ReorderState> | null;
  if (!reorder || typeof reorder.added !== "number" || !Array.isArray(reorder.skipped)) return null;
  return { added: reorder.added, skipped: reorder.skipped };
}

/** After "order again": how many products went into the cart and what could not, and why. */
export function ReorderNotice() {
  const { t } = useTranslation();
  const reorder = reorderState(useLocation().state);
  if (!reorder) return null;
  const notAdded = reorder.skipped.filter((item) => item.reason !== "quantity_adjusted");
  const adjusted = reorder.skipped.filter((item) => item.reason === "quantity_adjusted");
  return (
    <Alert tone={notAdded.length > 0 ? "warning" : "success"} title={t("cart.reorder.added", { count: reorder.added })}>
      {reorder.skipped.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {[...notAdded, ...adjusted].map((item) => (
            <li key={item.product_id}>{t(`cart.reorder.${item.reason}`, { name: item.name })}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
