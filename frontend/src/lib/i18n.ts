import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "@/locales/en.json";

export const LANGUAGES = {
  en: { label: "English", locale: "en-KE" },
  sw: { label: "Kiswahili", locale: "sw-KE" },
} as const;

export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = "soko.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && value in LANGUAGES;
}

function preferredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // No storage: fall back to the browser's language.
  }
  const browser = (navigator.language || "en").slice(0, 2);
  return isLanguage(browser) ? browser : "en";
}

const LAZY_BUNDLES: Record<Exclude<Language, "en">, () => Promise<{ default: typeof en }>> = {
  sw: () => import("@/locales/sw.json"),
};

async function loadBundle(language: Language): Promise<void> {
  if (language === "en" || i18n.hasResourceBundle(language, "translation")) return;
  const bundle = await LAZY_BUNDLES[language]();
  i18n.addResourceBundle(language, "translation", bundle.default);
}

type NamespaceBundles = Record<Language, () => Promise<{ default: object }>>;

const NAMESPACES = new Map<string, NamespaceBundles>();

async function loadNamespaceBundle(namespace: string, language: Language): Promise<void> {
  const bundles = NAMESPACES.get(namespace);
  if (!bundles || i18n.hasResourceBundle(language, namespace)) return;
  const bundle = await bundles[language]();
  i18n.addResourceBundle(language, namespace, bundle.default);
}

/**
 * The texts of a part of the app only some people open (the wholesaler's console, the admin
 * panel): fetched with its routes, in the current language and again when the language changes,
 * so a retailer never downloads them.
 */
export async function loadNamespace(namespace: string, bundles: NamespaceBundles): Promise<void> {
  NAMESPACES.set(namespace, bundles);
  const language = isLanguage(i18n.language) ? i18n.language : "en";
  await Promise.all([loadNamespaceBundle(namespace, "en"), loadNamespaceBundle(namespace, language)]);
}

/** English ships with the app; Swahili is fetched when chosen, before anyone sees it. */
export async function setupI18n(language: Language = preferredLanguage()): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      lng: "en",
      fallbackLng: "en",
      resources: { en: { translation: en } },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  await changeLanguage(language, { remember: false });
  return i18n;
}

export async function changeLanguage(language: Language, { remember = true } = {}): Promise<void> {
  await Promise.all([
    loadBundle(language),
    ...[...NAMESPACES.keys()].map((namespace) => loadNamespaceBundle(namespace, language)),
  ]);
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // The choice lasts for this visit only.
    }
  }
}

export function localeOf(language: string): string {
  return isLanguage(language) ? LANGUAGES[language].locale : LANGUAGES.en.locale;
}

export { i18n };
