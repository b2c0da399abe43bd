import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Field } from "@/components/Field";
import { PageTitle } from "@/components/PageTitle";
import { type AuditEntry, auditQuery } from "../api/audit";
import { AuditList } from "../components/AuditList";
import { FilterForm } from "../components/FilterForm";
import { PagedList } from "@/components/PagedList";
import { readDay, readText } from "../lib/url-filters";

export function AuditRoute() {
  const { t } = useTranslation("admin");
  const [params] = useSearchParams();
  const filters = {
    actor: readText(params, "actor"),
    action: readText(params, "action"),
    entity_type: readText(params, "entity_type"),
    entity_id: readText(params, "entity_id"),
    ip: readText(params, "ip"),
    date_from: readDay(params, "date_from"),
    date_to: readDay(params, "date_to"),
  };
  const query = useInfiniteQuery(auditQuery(filters));

  return (
    <div className="flex flex-col">
      <PageTitle lead={t("audit.lead")}>{t("title.audit")}</PageTitle>
      <FilterForm label={t("audit.filters")}>
        <Field label={t("audit.action")} name="action" defaultValue={filters.action ?? ""} hint={t("audit.actionHint")} />
        <Field label={t("audit.entityType")} name="entity_type" defaultValue={filters.entity_type ?? ""} hint={t("audit.entityTypeHint")} />
        <Field label={t("audit.entityId")} name="entity_id" defaultValue={filters.entity_id ?? ""} />
        <Field label={t("audit.actor")} name="actor" defaultValue={filters.actor ?? ""} hint={t("audit.actorHint")} />
        <Field label={t("fields.ip")} name="ip" defaultValue={filters.ip ?? ""} />
        <Field label={t("filters.dateFrom")} name="date_from" type="date" defaultValue={filters.date_from ?? ""} />
        <Field label={t("filters.dateTo")} name="date_to" type="date" defaultValue={filters.date_to ?? ""} />
      </FilterForm>
      <PagedList query={query} empty={t("audit.empty")}>
        {(items: AuditEntry[]) => <AuditList entries={items} label={t("audit.listLabel")} />}
      </PagedList>
    </div>
  );
}
