import { type ComponentProps, forwardRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "./Field";

type PasswordFieldProps = Omit<ComponentProps<typeof Field>, "type" | "trailing">;

export const PasswordField = forwardRef<HTMLInputElement, PasswordFieldProps>(function PasswordField(props, ref) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Field
      ref={ref}
      type={visible ? "text" : "password"}
      autoCapitalize="none"
      spellCheck={false}
      trailing={
        <button
          type="button"
          className="min-h-11 shrink-0 rounded-md px-3 text-sm font-semibold text-brand-800"
          aria-pressed={visible}
          onClick={() => setVisible((shown) => !shown)}
        >
          {t("fields.showPassword")}
        </button>
      }
      {...props}
    />
  );
});
