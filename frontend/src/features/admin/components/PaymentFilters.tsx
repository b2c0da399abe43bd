import { useTranslation } from "react-i18next";
import { Field } from "@/components/Field";
import { SelectField } from "@/components/SelectField";
import type { PaymentFilters as Filters } from "../api/payments";
import { FilterForm } from "./FilterForm";

export const PAYMENT_STATUSES = ["pending", "succeeded", "failed", "needs_review", "refunded", "partially_refunded"] as const;
export const PAYMENT_PROVIDERS = ["mpesa", "mtn_momo", "sandbox"] as const;
export const PAYMENT_PURPOSES = ["checkout", "order_collection", "subscription"] as const;

export function PaymentFilters({ filters }: { filters: Filters }) {
  const { t } = useTranslation("admin");
  return (
    <FilterForm label={t("payments.filters")}>
      <Field label={t("payments.search")} name="q" type="search" defaultValue={filters.q ?? ""} hint={t("payments.searchHint")} />
      <SelectField label={t("fields.status")} name="status" defaultValue={filters.status ?? ""}>
        <option value="">{t("filters.any")}</option>
        {PAYMENT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`paymentStatus.${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("fields.provider")} name="provider" defaultValue={filters.provider ?? ""}>
        <option value="">{t("filters.any")}</option>
        {PAYMENT_PROVIDERS.map((provider) => (
          <option key={provider} value={provider}>
            {t(`provider.${provider}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("fields.purpose")} name="purpose" defaultValue={filters.purpose ?? ""}>
        <option value="">{t("filters.any")}</option>
        {PAYMENT_PURPOSES.map((purpose) => (
          <option key={purpose} value={purpose}>
            {t(`purpose.${purpose}`)}
          </option>
        ))}
      </SelectField>
      <Field label={t("filters.dateFrom")} name="date_from" type="date" defaultValue={filters.date_from ?? ""} />
      <Field label={t("filters.dateTo")} name="date_to" type="date" defaultValue={filters.date_to ?? ""} />
    </FilterForm>
  );
}

export function isProvider(value: string | null): value is (typeof PAYMENT_PROVIDERS)[number] {
  return PAYMENT_PROVIDERS.some((provider) => provider === value);
}
