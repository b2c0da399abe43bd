import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Field } from "@/components/Field";
import { PageTitle } from "@/components/PageTitle";
import { SelectField } from "@/components/SelectField";
import { type AdminUser, usersQuery } from "../api/users";
import { FilterForm } from "../components/FilterForm";
import { PagedList } from "@/components/PagedList";
import { SectionTabs } from "../components/SectionTabs";
import { UserTable } from "../components/UserTable";
import { readChoice, readText } from "../lib/url-filters";

const ROLES = ["owner", "staff", "admin", "support"] as const;
const STATUSES = ["active", "invited", "suspended", "deactivated"] as const;

export function UsersRoute() {
  const { t } = useTranslation("admin");
  const [params] = useSearchParams();
  const filters = {
    q: readText(params, "q"),
    role: readChoice(params, "role", ROLES),
    status: readChoice(params, "status", STATUSES),
  };
  const query = useInfiniteQuery(usersQuery(filters));

  return (
    <div className="flex flex-col">
      <PageTitle>{t("title.users")}</PageTitle>
      <SectionTabs section="directory" />
      <FilterForm label={t("users.filters")}>
        <Field label={t("users.search")} name="q" type="search" defaultValue={filters.q ?? ""} hint={t("users.searchHint")} />
        <SelectField label={t("fields.role")} name="role" defaultValue={filters.role ?? ""}>
          <option value="">{t("filters.any")}</option>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("fields.status")} name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("filters.any")}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`userStatus.${status}`)}
            </option>
          ))}
        </SelectField>
      </FilterForm>
      <PagedList query={query} empty={t("users.empty")}>
        {(items: AdminUser[]) => <UserTable users={items} label={t("users.listLabel")} />}
      </PagedList>
    </div>
  );
}
