import type { TFunction } from "i18next";
import { z } from "zod";
import type { PayoutAccount, PayoutAccountBody } from "../api/types";

export interface PayoutAccountValues {
  method: PayoutAccountBody["method"];
  account_name: string;
  phone: string;
  bank_code: string;
  bank_name: string;
  account_number: string;
}

export const PAYOUT_FIELDS = ["method", "account_name", "phone", "bank_code", "bank_name", "account_number"] as const;

const PHONE = /^\+?[\d\s()-]{9,20}$/;
const BANK_CODE = /^[A-Za-z0-9]{2,11}$/;
const ACCOUNT_NUMBER = /^[\d\s-]{6,40}$/;

export function payoutAccountValues(account: PayoutAccount | null): PayoutAccountValues {
  return {
    method: account?.method ?? "mpesa",
    account_name: account?.account_name ?? "",
    phone: account?.phone ?? "",
    bank_code: account?.bank_code ?? "",
    bank_name: account?.bank_name ?? "",
    account_number: account?.account_number ?? "",
  };
}

/** The API's rules (`PayoutAccountIn`): a phone for mobile money, a bank code and account number for a bank. */
export function payoutAccountSchema(t: TFunction<"consoleOrders">) {
  return z
    .object({
      method: z.enum(["mpesa", "mtn_momo", "bank"]),
      account_name: z.string().trim().min(2, t("validation.required")).max(100, t("validation.tooLong", { max: 100 })),
      phone: z.string().trim(),
      bank_code: z.string().trim(),
      bank_name: z.string().trim().max(100, t("validation.tooLong", { max: 100 })),
      account_number: z.string().trim(),
    })
    .superRefine((values, ctx) => {
      if (values.method !== "bank") {
        if (!PHONE.test(values.phone)) ctx.addIssue({ code: "custom", path: ["phone"], message: t("validation.phone") });
        return;
      }
      if (!BANK_CODE.test(values.bank_code)) ctx.addIssue({ code: "custom", path: ["bank_code"], message: t("validation.bankCode") });
      const digits = values.account_number.replace(/[\s-]/g, "");
      if (!ACCOUNT_NUMBER.test(values.account_number) || digits.length < 6 || digits.length > 20) {
        ctx.addIssue({ code: "custom", path: ["account_number"], message: t("validation.accountNumber") });
      }
    });
}

/** Only the fields of the chosen method go to the API. */
export function payoutAccountBody(values: PayoutAccountValues): PayoutAccountBody {
  const base = { method: values.method, account_name: values.account_name.trim() };
  if (values.method !== "bank") return { ...base, phone: values.phone.trim() };
  return {
    ...base,
    bank_code: values.bank_code.trim(),
    bank_name: values.bank_name.trim() || null,
    account_number: values.account_number.trim(),
  };
}
