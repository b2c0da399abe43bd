import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DateTime } from "@/components/DateTime";
import type { AuditEntry } from "../api/audit";
import { ResponsiveTable } from "./ResponsiveTable";

function detailsText(details: AuditEntry["details"]): string {
  const entries = Object.entries(details);
  if (entries.length === 0) return "—";
  return entries.map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`).join("; ");
}

/** Who did what to which record, when and from where. */
export function AuditList({ entries, label }: { entries: readonly AuditEntry[]; label: string }) {
  const { t } = useTranslation("admin");
  const when = (entry: AuditEntry) => <DateTime iso={entry.created_at} style="dateTime" />;
  return (
    <ResponsiveTable
      label={label}
      rows={entries}
      rowKey={(entry) => entry.id}
      cardTitle={(entry) => (
        <span className="flex flex-col">
          <code className="break-all">{entry.action}</code>
          <span className="text-sm font-normal text-stone-700">{when(entry)}</span>
        </span>
      )}
      columns={[
        { header: t("fields.when"), cell: when },
        { header: t("fields.action"), cell: (entry) => <code className="break-all">{entry.action}</code> },
        {
          header: t("fields.actor"),
          cell: (entry) =>
            entry.actor_user_id ? (
              <Link to={`/admin/users/${entry.actor_user_id}`} className="break-all font-semibold text-brand-800 underline">
                {entry.actor_email ?? entry.actor_user_id}
              </Link>
            ) : (
              t("audit.system")
            ),
        },
        {
          header: t("fields.entity"),
          cell: (entry) => (entry.entity_type ? <span className="break-all">{`${entry.entity_type} ${entry.entity_id ?? ""}`}</span> : "—"),
        },
        { header: t("fields.ip"), cell: (entry) => entry.ip ?? "—" },
        { header: t("fields.details"), cell: (entry) => <span className="break-words text-stone-800">{detailsText(entry.details)}</span> },
      ]}
    />
  );
}
