import type { components } from "@/lib/api-types";

export type Payment = components["schemas"]["PaymentOut"];
export type Provider = components["schemas"]["MobileMoneyPayment"]["provider"];
