import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Locator, type Page, test as base, expect } from "@playwright/test";
import { FRONTEND_DIR } from "./stack";

const SCREENSHOTS = join(FRONTEND_DIR, "e2e/screenshots");
const BLOCKING = new Set(["serious", "critical"]);

/** axe on the page as it is now: no serious or critical violation of WCAG 2.1 A/AA. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ""))
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
  expect(blocking, `axe found serious or critical problems on ${where}`).toEqual([]);
}

interface Fixtures {
  /** Every page a test visits goes through this: the axe check, then a screenshot named after the screen. */
  checkpoint: (screen: string, options?: { scrollTo?: Locator }) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  checkpoint: async ({ page }, use, testInfo) => {
    await use(async (screen, { scrollTo } = {}) => {
      await expectAccessible(page, screen);
      if (scrollTo) {
        await scrollTo.evaluate((element) => {
          const belowStickyHeader = 96;
          window.scrollTo({ top: element.getBoundingClientRect().top + window.scrollY - belowStickyHeader });
        });
      }
      await page.screenshot({ path: join(SCREENSHOTS, testInfo.project.name, `${screen}.png`) });
    });
  },
});

export { expect };

export async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("E-mail address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The filters sit behind a button on a phone and beside the results on a desktop. */
export async function openFilters(page: Page): Promise<void> {
  const toggle = page.getByRole("button", { name: /^Filters/ });
  if (await toggle.isVisible()) await toggle.click();
}
