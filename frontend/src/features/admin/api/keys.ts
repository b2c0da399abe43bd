/** One query-key root per admin resource, so a change invalidates exactly what it touches. */
export const adminKeys = {
  businesses: ["admin", "businesses"] as const,
  users: ["admin", "users"] as const,
  plans: ["admin", "plans"] as const,
  categories: ["categories"] as const,
  payments: ["admin", "payments"] as const,
  refunds: ["admin", "refunds"] as const,
  settlements: ["admin", "settlements"] as const,
  reconciliation: ["admin", "reconciliation"] as const,
  audit: ["admin", "audit"] as const,
};

export const PAGE_SIZE = 25;
