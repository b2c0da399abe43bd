import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DateTime } from "@/components/DateTime";
import type { AdminUser } from "../api/users";
import { ResponsiveTable } from "./ResponsiveTable";
import { StatusBadge, toneOf } from "./StatusBadge";

export function UserTable({ users, label, showBusiness = true }: { users: readonly AdminUser[]; label: string; showBusiness?: boolean }) {
  const { t } = useTranslation("admin");
  const link = (user: AdminUser) => (
    <Link to={`/admin/users/${user.id}`} className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
      {user.full_name}
    </Link>
  );
  return (
    <ResponsiveTable
      label={label}
      rows={users}
      rowKey={(user) => user.id}
      cardTitle={link}
      columns={[
        { header: t("fields.name"), cell: link },
        { header: t("fields.email"), cell: (user) => <span className="break-all">{user.email}</span> },
        { header: t("fields.role"), cell: (user) => t(`role.${user.role}`) },
        { header: t("fields.status"), cell: (user) => <StatusBadge tone={toneOf(user.status)}>{t(`userStatus.${user.status}`)}</StatusBadge> },
        ...(showBusiness
          ? [{ header: t("fields.business"), cell: (user: AdminUser) => user.business_name ?? t("users.platformStaff") }]
          : []),
        {
          header: t("fields.lastSignIn"),
          cell: (user) => (user.last_sign_in_at ? <DateTime iso={user.last_sign_in_at} style="dateTime" /> : t("users.never")),
        },
      ]}
    />
  );
}
