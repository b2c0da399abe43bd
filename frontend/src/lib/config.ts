/**
 * Build-time settings of the deployment (Vite `VITE_*` variables).
 *
 * The API does not publish its terms and privacy versions, so the versions a registration
 * accepts are configured here and must match the API's TERMS_VERSION / PRIVACY_VERSION.
 */
export const config = {
  apiUrl: (import.meta.env.VITE_API_URL ?? "http://127.0.0.1:8000").replace(/\/+$/, ""),
  currency: import.meta.env.VITE_CURRENCY ?? "KES",
  termsVersion: import.meta.env.VITE_TERMS_VERSION ?? "2026-01",
  privacyVersion: import.meta.env.VITE_PRIVACY_VERSION ?? "2026-01",
} as const;
