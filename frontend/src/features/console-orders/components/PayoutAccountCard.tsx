import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";
import { Field } from "@/components/Field";
import { FormErrorSummary } from "@/components/FormErrorSummary";
import { SelectField } from "@/components/SelectField";
import { Skeleton } from "@/components/Skeleton";
import type { ApiErrorDetail } from "@/lib/api-schemas";
import { detailMessage } from "@/lib/error-message";
import { applyApiFieldErrors } from "@/lib/form-errors";
import { useSessionStore } from "@/lib/session-store";
import { payoutAccountQuery, useSavePayoutAccount } from "../api/money";
import type { PayoutAccount } from "../api/types";
import {
  PAYOUT_FIELDS,
  type PayoutAccountValues,
  payoutAccountBody,
  payoutAccountSchema,
  payoutAccountValues,
} from "../lib/payout-account-form";

function AccountFacts({ account }: { account: PayoutAccount }) {
  const { t } = useTranslation("consoleOrders");
  const where = account.method === "bank" ? [account.bank_name ?? account.bank_code, account.account_number].filter(Boolean).join(" · ") : account.phone;
  return (
    <p>
      <span className="font-semibold">{t(`money.account.methods.${account.method}`)}</span> · {account.account_name}
      {where ? ` · ${where}` : ""}
    </p>
  );
}

function AccountForm({ account, onDone }: { account: PayoutAccount | null; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation("consoleOrders");
  const { t: common } = useTranslation();
  const save = useSavePayoutAccount();
  const [unplaced, setUnplaced] = useState<ApiErrorDetail[]>([]);
  const schema = useMemo(() => payoutAccountSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors },
  } = useForm<PayoutAccountValues>({ resolver: zodResolver(schema), mode: "onTouched", defaultValues: payoutAccountValues(account) });
  const method = watch("method");
  const submit = handleSubmit((values) => {
    setUnplaced([]);
    save.mutate(payoutAccountBody(values), {
      onSuccess: () => onDone(true),
      onError: (error) =>
        setUnplaced(applyApiFieldErrors(error, setError, { fields: PAYOUT_FIELDS, message: (detail) => detailMessage(common, detail) })),
    });
  });
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
      <FormErrorSummary error={save.error} unplaced={unplaced} />
      <SelectField label={t("money.account.method")} error={errors.method?.message} {...register("method")}>
        {(["mpesa", "mtn_momo", "bank"] as const).map((option) => (
          <option key={option} value={option}>
            {t(`money.account.methods.${option}`)}
          </option>
        ))}
      </SelectField>
      <Field label={t("money.account.accountName")} error={errors.account_name?.message} {...register("account_name")} />
      {method === "bank" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label={t("money.account.bankCode")} error={errors.bank_code?.message} {...register("bank_code")} />
          <Field label={t("money.account.bankName")} error={errors.bank_name?.message} {...register("bank_name")} />
          <Field
            label={t("money.account.accountNumber")}
            inputMode="numeric"
            error={errors.account_number?.message}
            {...register("account_number")}
          />
        </div>
      ) : (
        <Field
          label={t("money.account.phone")}
          type="tel"
          inputMode="tel"
          hint={method === "mpesa" ? t("money.account.mpesaHint") : t("money.account.momoHint")}
          error={errors.phone?.message}
          {...register("phone")}
        />
      )}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" isLoading={save.isPending}>
          {t("money.account.save")}
        </Button>
        <Button variant="secondary" disabled={save.isPending} onClick={() => onDone(false)}>
          {t("actions.back")}
        </Button>
      </div>
    </form>
  );
}

/** Where payouts go: everyone on the team sees it, only the owner changes it. */
export function PayoutAccountCard() {
  const { t } = useTranslation("consoleOrders");
  const isOwner = useSessionStore((state) => state.session?.user.role === "owner");
  const account = useQuery(payoutAccountQuery);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const current = account.data?.payout_account ?? null;
  return (
    <section aria-labelledby="payout-account" className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4">
      <h2 id="payout-account" className="text-lg font-semibold">
        {t("money.account.title")}
      </h2>
      {account.isPending ? (
        <Skeleton className="h-10 w-full" />
      ) : account.isError ? (
        <ErrorState error={account.error} onRetry={() => void account.refetch()} />
      ) : isOwner && editing ? (
        <AccountForm
          account={current}
          onDone={(changed) => {
            setEditing(false);
            setSaved(changed);
          }}
        />
      ) : (
        <>
          {current ? <AccountFacts account={current} /> : <p className="text-stone-700">{t("money.account.none")}</p>}
          {saved ? <Alert tone="success">{t("money.account.saved")}</Alert> : null}
          {isOwner ? (
            <Button
              variant="secondary"
              className="self-start"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {current ? t("money.account.change") : t("money.account.add")}
            </Button>
          ) : (
            <p className="text-sm text-stone-700">{t("money.account.ownerOnly")}</p>
          )}
        </>
      )}
    </section>
  );
}
