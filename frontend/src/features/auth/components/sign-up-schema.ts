import type { TFunction } from "i18next";
import { z } from "zod";
import type { RegisterRequest } from "@/lib/api-schemas";
import { config } from "@/lib/config";

export const MIN_PASSWORD_LENGTH = 12;
const PHONE = /^\+?[\d\s()-]{9,20}$/;

export const EAST_AFRICAN_COUNTRIES = ["KE", "UG", "TZ", "RW", "BI", "SS", "ET", "CD", "SO", "ZM", "MW", "MZ"] as const;

/** Mirrors the API's RegisterRequest rules that can be checked without asking it. */
export function signUpSchema(t: TFunction) {
  const required = t("validation.required");
  const text = (max: number) => z.string().trim().min(1, required).max(max, t("validation.tooLong", { max }));
  const email = z.string().trim().min(1, required).pipe(z.email(t("validation.email")));
  const phone = z.string().trim().min(1, required).regex(PHONE, t("validation.phone"));
  return z
    .object({
      owner: z.object({
        full_name: text(200),
        email,
        phone,
        password: z
          .string()
          .min(MIN_PASSWORD_LENGTH, t("validation.passwordLength", { min: MIN_PASSWORD_LENGTH }))
          .max(128, t("validation.tooLong", { max: 128 })),
      }),
      business: z.object({
        kind: z.enum(["retailer", "wholesaler"]),
        name: text(200),
        registration_number: z
          .string()
          .trim()
          .min(2, t("validation.tooShort", { min: 2 }))
          .max(60, t("validation.tooLong", { max: 60 })),
        tax_id: z.string().trim().max(60, t("validation.tooLong", { max: 60 })),
        phone: z.string().trim(),
        email: z.string().trim(),
        address: z.object({
          line: text(300),
          city: text(120),
          region: text(120),
          country: z.string().length(2, required),
        }),
      }),
      sameContact: z.boolean(),
      accepted: z.boolean().refine((accepted) => accepted, t("validation.acceptTerms")),
    })
    .superRefine((values, ctx) => {
      if (values.business.kind === "wholesaler" && !values.business.tax_id) {
        ctx.addIssue({ code: "custom", path: ["business", "tax_id"], message: t("validation.taxIdRequired") });
      }
      const localPart = values.owner.email.split("@")[0]?.toLowerCase() ?? "";
      if (localPart.length >= 4 && values.owner.password.toLowerCase().includes(localPart)) {
        ctx.addIssue({ code: "custom", path: ["owner", "password"], message: t("validation.passwordHasEmail") });
      }
      if (!values.sameContact) {
        if (!email.safeParse(values.business.email).success) {
          ctx.addIssue({ code: "custom", path: ["business", "email"], message: t("validation.email") });
        }
        if (!phone.safeParse(values.business.phone).success) {
          ctx.addIssue({ code: "custom", path: ["business", "phone"], message: t("validation.phone") });
        }
      }
    });
}

export type SignUpValues = z.infer<ReturnType<typeof signUpSchema>>;

export const EMPTY_SIGN_UP: SignUpValues = {
  owner: { full_name: "", email: "", phone: "", password: "" },
  business: {
    kind: "retailer",
    name: "",
    registration_number: "",
    tax_id: "",
    phone: "",
    email: "",
    address: { line: "", city: "", region: "", country: "KE" },
  },
  sameContact: true,
  accepted: false,
};

export function toRegisterRequest(values: SignUpValues): RegisterRequest {
  const { owner, business, sameContact } = values;
  return {
    owner,
    business: {
      ...business,
      tax_id: business.tax_id || null,
      email: sameContact ? owner.email : business.email,
      phone: sameContact ? owner.phone : business.phone,
    },
    accepted_terms_version: config.termsVersion,
    accepted_privacy_version: config.privacyVersion,
  };
}
