import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { PageTitle } from "@/components/PageTitle";
import { useCreateProduct } from "../api/products";
import { ProductForm } from "../components/ProductForm";
import { EMPTY_PRODUCT, bodyOf } from "../lib/product-form";

export function ProductNewRoute() {
  const { t } = useTranslation("consoleCatalog");
  const navigate = useNavigate();
  const create = useCreateProduct();
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <Link to="/console/products" className="inline-flex min-h-11 items-center font-semibold text-brand-800 underline">
        {t("form.back")}
      </Link>
      <PageTitle lead={t("form.newLead")}>{t("title.newProduct")}</PageTitle>
      <ProductForm
        initial={EMPTY_PRODUCT}
        submitLabel={t("form.create")}
        isSaving={create.isPending}
        error={create.error}
        onSave={async (values) => {
          const product = await create.mutateAsync({ ...bodyOf(values), attributes: {} });
          await navigate(`/console/products/${product.id}`, { state: { created: true } });
          return undefined;
        }}
      />
    </div>
  );
}
