import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { EmptyState } from "@/components/EmptyState";
import { ErrorState } from "@/components/ErrorState";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { useCanWrite } from "@/lib/audience";
import { plansQuery, useCreatePlan } from "../api/plans";
import { PlanCard } from "../components/PlanCard";
import { PlanForm } from "../components/PlanForm";
import { Section } from "../components/Section";
import { SectionTabs } from "../components/SectionTabs";
import { emptyPlanForm, formToCreate } from "../lib/plan-form";

export function PlansRoute() {
  const { t } = useTranslation("admin");
  const canWrite = useCanWrite();
  const plans = useQuery(plansQuery());
  const create = useCreatePlan();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  const list = () => {
    if (plans.isPending) {
      return (
        <div aria-busy="true" className="grid gap-3 md:grid-cols-2">
          <span className="sr-only">{t("list.loading")}</span>
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      );
    }
    if (plans.isError) return <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
    if (plans.data.items.length === 0) return <EmptyState title={t("plans.empty")} />;
    return (
      <ul aria-label={t("plans.listLabel")} className="grid gap-3 md:grid-cols-2">
        {plans.data.items.map((plan) => (
          <PlanCard key={plan.id} plan={plan} canWrite={canWrite} />
        ))}
      </ul>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <PageTitle lead={t("plans.lead")}>{t("title.plans")}</PageTitle>
      <SectionTabs section="setup" />
      {created ? <Alert tone="success">{t("plans.created", { name: created })}</Alert> : null}
      {canWrite ? (
        creating ? (
          <Section title={t("plans.newTitle")}>
            <PlanForm
              mode="create"
              initial={emptyPlanForm()}
              submitLabel={t("plans.create")}
              onCancel={() => setCreating(false)}
              onSubmit={async (values) => {
                const plan = await create.mutateAsync(formToCreate(values));
                setCreated(plan.name);
                setCreating(false);
              }}
            />
          </Section>
        ) : (
          <Button className="self-start" onClick={() => { setCreated(null); setCreating(true); }}>
            {t("plans.new")}
          </Button>
        )
      ) : (
        <Alert tone="info">{t("readOnly")}</Alert>
      )}
      {list()}
    </div>
  );
}
