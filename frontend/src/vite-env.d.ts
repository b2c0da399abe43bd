/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_API_URL?: string;
  readonly VITE_CURRENCY?: string;
  readonly VITE_TERMS_VERSION?: string;
  readonly VITE_PRIVACY_VERSION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
