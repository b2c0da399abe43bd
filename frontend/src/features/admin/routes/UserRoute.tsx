import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/Alert";
import { DateTime } from "@/components/DateTime";
import { PageTitle } from "@/components/PageTitle";
import { useCanWrite } from "@/lib/audience";
import { type AdminUser, type UserAction, useUserAction, userQuery } from "../api/users";
import { AuditList } from "../components/AuditList";
import { DetailStates } from "../components/DetailStates";
import { ReasonAction } from "../components/ReasonAction";
import { Facts, Section } from "../components/Section";
import { StatusBadge, toneOf } from "../components/StatusBadge";

export function UserRoute() {
  const { t } = useTranslation("admin");
  const { userId = "" } = useParams();
  const detail = useQuery(userQuery(userId));

  return (
    <div className="flex flex-col gap-4">
      <Link to="/admin/users" className="inline-flex min-h-11 items-center self-start font-semibold text-brand-800 underline">
        {t("users.back")}
      </Link>
      <DetailStates query={detail} back="/admin/users">
        {({ user, active_sessions, recent_audit }) => (
          <>
            <PageTitle lead={<StatusBadge tone={toneOf(user.status)}>{t(`userStatus.${user.status}`)}</StatusBadge>}>
              {user.full_name}
            </PageTitle>
            <Section title={t("users.profile")}>
              <Facts
                items={[
                  { label: t("fields.email"), value: <span className="break-all">{user.email}</span> },
                  { label: t("fields.phone"), value: user.phone ?? "—" },
                  { label: t("fields.role"), value: t(`role.${user.role}`) },
                  {
                    label: t("fields.business"),
                    value: user.business_id ? (
                      <Link to={`/admin/businesses/${user.business_id}`} className="font-semibold text-brand-800 underline">
                        {user.business_name}
                      </Link>
                    ) : (
                      t("users.platformStaff")
                    ),
                  },
                  { label: t("users.emailVerified"), value: user.email_verified ? t("yes") : t("no") },
                  { label: t("users.twoFactor"), value: user.two_factor_enabled ? t("users.twoFactorOn") : t("users.twoFactorOff") },
                  { label: t("users.sessions"), value: String(active_sessions) },
                  { label: t("fields.registered"), value: <DateTime iso={user.created_at} style="dateTime" /> },
                  {
                    label: t("fields.lastSignIn"),
                    value: user.last_sign_in_at ? <DateTime iso={user.last_sign_in_at} style="dateTime" /> : t("users.never"),
                  },
                ]}
              />
            </Section>
            <UserActions user={user} />
            <Section title={t("users.recent")}>
              {recent_audit.length === 0 ? <p className="text-stone-700">{t("audit.empty")}</p> : <AuditList entries={recent_audit} label={t("users.recent")} />}
            </Section>
          </>
        )}
      </DetailStates>
    </div>
  );
}

function UserActions({ user }: { user: AdminUser }) {
  const { t } = useTranslation("admin");
  const canWrite = useCanWrite();
  if (!canWrite) return <Alert tone="info">{t("readOnly")}</Alert>;
  const actions: UserAction[] = [user.status === "suspended" ? "reactivate" : "suspend"];
  if (user.two_factor_enabled) actions.push("reset-2fa");
  return (
    <Section title={t("users.actions")}>
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start">
        {actions.map((action) => (
          <UserActionButton key={`${action}-${user.status}`} user={user} action={action} />
        ))}
      </div>
    </Section>
  );
}

const ACTION_KEYS = { suspend: "suspend", reactivate: "reactivate", "reset-2fa": "resetTwoFactor" } as const;

function UserActionButton({ user, action }: { user: AdminUser; action: UserAction }) {
  const { t } = useTranslation("admin");
  const mutation = useUserAction(user.id, action);
  const key = ACTION_KEYS[action];
  return (
    <ReasonAction
      start={t(`users.${key}.start`)}
      title={t(`users.${key}.title`, { name: user.full_name })}
      lead={t(`users.${key}.lead`)}
      confirm={t(`users.${key}.confirm`, { name: user.full_name })}
      tone={action === "reactivate" ? "primary" : "danger"}
      isPending={mutation.isPending}
      error={mutation.error}
      onConfirm={(reason) => mutation.mutate(reason)}
    />
  );
}
