/**
 * Real Chromium (Debian's package) driven by playwright-core: no browser download. Each test
 * file gets a browser; a failing test leaves a screenshot in .e2e-artifacts/.
 */
import { execSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, inject, onTestFailed } from "vitest";

const artifacts = fileURLToPath(new URL("../../.e2e-artifacts", import.meta.url));

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync("which chromium", { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH).");
  }
}

export interface BrowserSession {
  baseUrl: string;
  page(): Page;
  newContext(locale?: string): Promise<{ context: BrowserContext; page: Page }>;
}

/** Call at the top of a test file: a browser for the file, a fresh context and page per test. */
export function useBrowser(): BrowserSession {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let context: BrowserContext | undefined;
  let current: Page | undefined;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    current = undefined;
  });

  async function newContext(locale = "zh-CN") {
    const created = await browser.newContext({
      baseURL: baseUrl,
      locale,
      viewport: { width: 1366, height: 860 },
    });
    const page = await created.newPage();
    page.setDefaultTimeout(15_000);
    onTestFailed(async ({ task }) => {
      mkdirSync(artifacts, { recursive: true });
      await page
        .screenshot({ path: join(artifacts, `${task.name.replace(/[^\w-]+/g, "_")}.png`), fullPage: true })
        .catch(() => {});
    });
    return { context: created, page };
  }

  return {
    baseUrl,
    page() {
      if (!current) throw new Error("Call newContext() (or login()) first.");
      return current;
    },
    async newContext(locale) {
      const created = await newContext(locale);
      context = created.context;
      current = created.page;
      return created;
    },
  };
}
