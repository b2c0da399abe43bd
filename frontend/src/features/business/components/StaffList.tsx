import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/Button";
import { DateTime } from "@/components/DateTime";
import type { UserOut } from "@/lib/api-schemas";
import { errorMessage } from "@/lib/error-message";
import { useDeactivateStaff } from "../api/staff";

const STATUS_TONES: Record<UserOut["status"], string> = {
  active: "bg-brand-100 text-brand-900",
  invited: "bg-sky-100 text-sky-950",
  deactivated: "bg-stone-200 text-stone-900",
  suspended: "bg-red-100 text-red-900",
};

function StaffRow({ person, canManage, isMe }: { person: UserOut; canManage: boolean; isMe: boolean }) {
  const { t } = useTranslation();
  const deactivate = useDeactivateStaff();
  const [confirming, setConfirming] = useState(false);
  const removable = canManage && person.role === "staff" && person.status !== "deactivated";
  return (
    <li className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold">
            {person.full_name}
            {isMe ? <span className="font-normal text-stone-700"> ({t("business.staff.you")})</span> : null}
          </p>
          <p className="break-all text-stone-800">{person.email}</p>
          <p className="text-sm text-stone-700">
            {t(`business.staff.roles.${person.role === "owner" ? "owner" : "staff"}`)} · {t("business.staff.since")}{" "}
            <DateTime iso={person.created_at} />
          </p>
        </div>
        <span className={`rounded-full px-2 py-0.5 text-sm font-semibold ${STATUS_TONES[person.status]}`}>
          {t(`business.staff.status.${person.status}`)}
        </span>
      </div>
      {deactivate.isError ? (
        <p role="alert" className="text-sm text-red-800">
          {errorMessage(t, deactivate.error)}
        </p>
      ) : null}
      {removable && !confirming ? (
        <Button variant="secondary" className="self-start" onClick={() => setConfirming(true)}>
          {person.status === "invited" ? t("business.staff.withdraw") : t("business.staff.deactivate")}
        </Button>
      ) : null}
      {removable && confirming ? (
        <div className="flex flex-col gap-2 rounded-xl border border-red-200 bg-red-50 p-3">
          <p className="text-stone-900">{t("business.staff.confirmDeactivate", { name: person.full_name })}</p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button
              variant="danger"
              isLoading={deactivate.isPending}
              onClick={() => deactivate.mutate(person.id, { onSuccess: () => setConfirming(false) })}
            >
              {t("business.staff.confirm", { name: person.full_name })}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t("actions.cancel")}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

export function StaffList({ people, canManage, myId }: { people: UserOut[]; canManage: boolean; myId: string }) {
  return (
    <ul className="divide-y divide-stone-200">
      {people.map((person) => (
        <StaffRow key={person.id} person={person} canManage={canManage} isMe={person.id === myId} />
      ))}
    </ul>
  );
}
