import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Money } from "@/components/Money";
import { type Plan, useRemovePlan, useUpdatePlan } from "../api/plans";
import { formToUpdate, limitsFor, planToForm } from "../lib/plan-form";
import { PlanForm } from "./PlanForm";
import { StatusBadge, toneOf } from "./StatusBadge";
import { useErrorText } from "./use-error-text";

export function PlanCard({ plan, canWrite }: { plan: Plan; canWrite: boolean }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const [editing, setEditing] = useState(false);
  const [confirmingRetire, setConfirmingRetire] = useState(false);
  const [saved, setSaved] = useState(false);
  const update = useUpdatePlan(plan.id);
  const remove = useRemovePlan(plan.id);
  const headingId = `plan-${plan.id}`;
  const limits = limitsFor(plan.audience);

  return (
    <li aria-labelledby={headingId} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-lg font-semibold text-stone-900">
            {plan.name}
          </h2>
          <p className="text-sm text-stone-700">
            <code>{plan.code}</code> · {t(`kind.${plan.audience}`)}
          </p>
        </div>
        <StatusBadge tone={toneOf(plan.status)}>{t(`planStatus.${plan.status}`)}</StatusBadge>
      </div>
      {saved && !editing ? <Alert tone="success">{t("plans.saved")}</Alert> : null}
      {editing ? (
        <PlanForm
          mode="edit"
          initial={planToForm(plan)}
          submitLabel={t("plans.save")}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await update.mutateAsync(formToUpdate(values));
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-stone-600">{t("plans.form.priceMonthly")}</dt>
              <dd className="font-semibold">
                <Money amount={plan.price_monthly} currency={plan.currency} />
              </dd>
            </div>
            <div>
              <dt className="text-stone-600">{t("plans.form.priceYearly")}</dt>
              <dd className="font-semibold">
                <Money amount={plan.price_yearly} currency={plan.currency} />
              </dd>
            </div>
            <div>
              <dt className="text-stone-600">{t("plans.form.trialDays")}</dt>
              <dd>{plan.trial_days}</dd>
            </div>
            {limits.map((name) => (
              <div key={name}>
                <dt className="text-stone-600">{t(`plans.limit.${name}`)}</dt>
                <dd>{plan.limits[name] ?? t("plans.unlimited")}</dd>
              </div>
            ))}
          </dl>
          {canWrite && plan.status === "active" ? (
            <div className="flex flex-col gap-2 sm:flex-row">
              <Button variant="secondary" onClick={() => { setSaved(false); setEditing(true); }}>
                {t("plans.edit", { name: plan.name })}
              </Button>
              {!confirmingRetire ? (
                <Button variant="secondary" onClick={() => setConfirmingRetire(true)}>
                  {t("plans.retire", { name: plan.name })}
                </Button>
              ) : null}
            </div>
          ) : null}
          {confirmingRetire ? (
            <div role="group" aria-label={t("plans.retireTitle", { name: plan.name })} className="flex flex-col gap-3 rounded-xl border border-red-300 bg-red-50 p-4">
              <p className="font-semibold text-red-950">{t("plans.retireTitle", { name: plan.name })}</p>
              <p className="text-stone-800">{t("plans.retireLead")}</p>
              {remove.isError ? <Alert tone="error">{errorText(remove.error)}</Alert> : null}
              <div className="flex flex-col gap-2 sm:flex-row">
                <Button variant="danger" isLoading={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => setConfirmingRetire(false) })}>
                  {t("plans.retireConfirm")}
                </Button>
                <Button variant="secondary" disabled={remove.isPending} onClick={() => setConfirmingRetire(false)}>
                  {t("actions.keep")}
                </Button>
              </div>
            </div>
          ) : null}
        </>
      )}
    </li>
  );
}
