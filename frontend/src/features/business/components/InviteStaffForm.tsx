import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { ApiError } from "@/lib/api-error";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { type InviteStaff, useInviteStaff } from "../api/staff";
import { email, requiredText } from "../lib/validation";

/** Refusals whose way out is the subscription, not the form. */
const SEAT_PROBLEMS = {
  plan_limit_reached: {
    title: "business.staff.limitReached",
    to: "/subscription/plans",
    action: "business.staff.seePlans",
  },
  subscription_required: {
    title: "business.staff.noSubscription",
    to: "/subscription",
    action: "business.staff.seeSubscription",
  },
} as const;

function seatProblemOf(error: unknown): keyof typeof SEAT_PROBLEMS | null {
  if (!(error instanceof ApiError)) return null;
  return error.code === "plan_limit_reached" || error.code === "subscription_required" ? error.code : null;
}

/**
 * Invites a staff member: the API e-mails them a link to set their password. Everyone
 * invited joins as staff (a business has one owner); the plan may limit the seats.
 */
export function InviteStaffForm() {
  const { t } = useTranslation();
  const invite = useInviteStaff();
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const [invited, setInvited] = useState<string | null>(null);
  const schema = useMemo(() => z.object({ full_name: requiredText(t, 200), email: email(t) }), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<InviteStaff>({ resolver: zodResolver(schema), mode: "onTouched", defaultValues: { full_name: "", email: "" } });

  const seatProblem = seatProblemOf(invite.error);

  const submit = handleSubmit((values) => {
    setUnplaced([]);
    setInvited(null);
    invite.mutate(values, {
      onSuccess: (user) => {
        setInvited(user.email);
        reset();
      },
      onError: (error) =>
        setUnplaced(
          applyApiFieldErrors(error, setError, {
            fields: ["full_name", "email"],
            codeFields: { email_taken: "email" },
            message: (detail) => detailMessage(t, detail),
          }),
        ),
    });
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
      {invited ? <Alert tone="success">{t("business.staff.invited", { email: invited })}</Alert> : null}
      {seatProblem ? (
        <Alert tone="error" title={t(SEAT_PROBLEMS[seatProblem].title)}>
          <Link to={SEAT_PROBLEMS[seatProblem].to} className="font-semibold underline">
            {t(SEAT_PROBLEMS[seatProblem].action)}
          </Link>
        </Alert>
      ) : (
        <FormErrorSummary error={invite.error} unplaced={unplaced} />
      )}
      <Field label={t("business.staff.name")} autoComplete="off" error={errors.full_name?.message} {...register("full_name")} />
      <Field
        label={t("business.staff.email")}
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        error={errors.email?.message}
        {...register("email")}
      />
      <p className="text-sm text-stone-700">{t("business.staff.roleNote")}</p>
      <Button type="submit" isLoading={invite.isPending} className="self-start">
        {t("business.staff.invite")}
      </Button>
    </form>
  );
}
