import { describe, expect, it } from "vitest";
import en from "./en.json";
import sw from "./sw.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else flatten(value, path).forEach((text, nested) => entries.set(nested, text));
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}

const FEATURE_TEXTS = import.meta.glob<Tree>("/src/features/*/locales/*.json", { import: "default", eager: true });

/** The app's own texts and each part's namespace (`loadNamespace`), English beside Swahili. */
const BUNDLES: [string, Tree, Tree][] = [
  ["translation", en, sw],
  ...Object.keys(FEATURE_TEXTS)
    .filter((path) => path.endsWith("/en.json"))
    .map((path): [string, Tree, Tree] => [path, FEATURE_TEXTS[path] ?? {}, FEATURE_TEXTS[path.replace(/en\.json$/, "sw.json")] ?? {}]),
];

describe.each(BUNDLES)("the English and Swahili texts of %s", (_name, englishTree, swahiliTree) => {
  const english = flatten(englishTree);
  const swahili = flatten(swahiliTree);

  it("have the same keys", () => {
    expect([...swahili.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("fill in the same placeholders", () => {
    const differing = [...english].filter(([key, text]) => {
      return JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(swahili.get(key) ?? ""));
    });
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it("have no empty text", () => {
    const empty = [...english, ...swahili].filter(([, text]) => text.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });
});

it("include each part's texts", () => {
  expect(BUNDLES.length).toBeGreaterThanOrEqual(4);
});
