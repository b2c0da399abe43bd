import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { ErrorState } from "@/components/ErrorState";
import { Field } from "@/components/Field";
import { PageTitle } from "@/components/PageTitle";
import { Skeleton } from "@/components/Skeleton";
import { useCanWrite } from "@/lib/audience";
import { type CategoryNode, categoriesQuery, useCreateCategory } from "../api/categories";
import { CategoryTreeEditor } from "../components/CategoryTreeEditor";
import { Section } from "../components/Section";
import { SectionTabs } from "../components/SectionTabs";
import { lastPosition } from "../lib/category-tree";
import { useErrorText } from "../components/use-error-text";

export function CategoriesRoute() {
  const { t } = useTranslation("admin");
  const canWrite = useCanWrite();
  const tree = useQuery(categoriesQuery());

  const body = () => {
    if (tree.isPending) {
      return (
        <div aria-busy="true" className="flex flex-col gap-2">
          <span className="sr-only">{t("list.loading")}</span>
          {[0, 1, 2, 3].map((index) => (
            <Skeleton key={index} className="h-12 w-full" />
          ))}
        </div>
      );
    }
    if (tree.isError) return <ErrorState error={tree.error} onRetry={() => void tree.refetch()} />;
    return canWrite ? (
      <>
        <AddTopCategory tree={tree.data.items} />
        <CategoryTreeEditor tree={tree.data.items} />
      </>
    ) : (
      <>
        <Alert tone="info">{t("readOnly")}</Alert>
        <ReadOnlyTree nodes={tree.data.items} />
      </>
    );
  };

  return (
    <div className="flex flex-col gap-4">
      <PageTitle lead={canWrite ? t("categories.lead") : undefined}>{t("title.categories")}</PageTitle>
      <SectionTabs section="setup" />
      {body()}
    </div>
  );
}

function AddTopCategory({ tree }: { tree: readonly CategoryNode[] }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const create = useCreateCategory();
  const [name, setName] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), parent_id: null, position: lastPosition(tree) }, { onSuccess: () => setName("") });
  };
  return (
    <Section title={t("categories.newTop")}>
      <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field label={t("categories.name")} value={name} maxLength={100} onChange={(event) => setName(event.target.value)} className="flex-1" />
        <Button type="submit" isLoading={create.isPending}>
          {t("categories.add")}
        </Button>
      </form>
      {create.isError ? <Alert tone="error">{errorText(create.error)}</Alert> : null}
    </Section>
  );
}

function ReadOnlyTree({ nodes }: { nodes: readonly CategoryNode[] }) {
  return (
    <ul className="flex flex-col gap-1">
      {nodes.map((node) => (
        <li key={node.id}>
          <span className="block rounded-lg border border-stone-200 bg-white p-3 font-semibold">{node.name}</span>
          {node.children.length > 0 ? (
            <div className="ml-4 mt-1 border-l-2 border-stone-200 pl-2 sm:ml-8">
              <ReadOnlyTree nodes={node.children} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
