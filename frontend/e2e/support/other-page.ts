import { join } from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { expectAccessible } from "./fixtures";
import { FRONTEND_DIR } from "./stack";

/** `checkpoint` for a second page of a test (another person's browser): axe, then a screenshot. */
export async function checkpointOn(page: Page, screen: string, testInfo: TestInfo): Promise<void> {
  await expectAccessible(page, screen);
  await page.screenshot({ path: join(FRONTEND_DIR, "e2e/screenshots", testInfo.project.name, `${screen}.png`) });
}
