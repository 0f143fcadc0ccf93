/**
 * Spreadsheets in and out, in a real browser. As the sales rep sales1@demo.test (张伟): import a
 * Ningbo-style .xls (a company title above the header, Chinese headers, a WeChat column the
 * importer does not know, two bad rows and a customer that already exists), correct the
 * mapping, check the preview, skip the duplicate, watch it run, download the rejected rows and
 * find the new customers in the list. Then, as the department head head@demo.test, export the
 * list filtered to those customers and read the file back. Company names carry a per-run marker,
 * so the test does not depend on earlier runs or on the demo data beyond one existing customer.
 */
import { readFileSync } from "node:fs";
import XLSX from "@e965/xlsx";
import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser.ts";

const session = useBrowser();
const PASSWORD = "tradewind-demo";

/** Letters only: the list's search treats them as one word, and the marker reads as a name. */
const run = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join(
  "",
);
const marker = `Ningbo${run}`;
const TITLE = "宁波某某贸易有限公司 外贸工作客户管理表";
const HEADERS = [
  "客户名称",
  "国家",
  "联系人",
  "邮箱",
  "电话",
  "业务员",
  "等级",
  "下次跟进",
  "备注",
  "微信号码",
];
const WECHAT_COLUMN = HEADERS.indexOf("微信号码");

/**
 * The eight good rows' company names, in the order the file lists them: not alphabetical, so an
 * export sorted by name cannot match the file's order (or the order of creation) by chance.
 */
const goodNames = ["Delta", "Alpen", "Garda", "Baltic", "Harbor", "Cedar", "Fjord", "Elbe"].map(
  (word) => `${marker} ${word} Trading GmbH`,
);

async function logIn(email: string): Promise<Page> {
  const { page } = await session.newContext("zh-CN");
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("side-menu").waitFor();
  return page;
}

/** GETs the API with the page's session, for set-up. */
async function getJson<T>(page: Page, path: string): Promise<T> {
  const reply = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, text: await response.text() };
  }, path);
  if (reply.status >= 400) throw new Error(`GET ${path}: ${reply.status} ${reply.text}`);
  return JSON.parse(reply.text) as T;
}

/** The customer spreadsheet of a Ningbo trading company, as .xls (Excel 97-2003), built with SheetJS. */
function buildWorkbook(existingCompany: string): Buffer {
  const rows: (string | null)[][] = [[TITLE], HEADERS];
  goodNames.forEach((name, index) => {
    const n = index + 1;
    rows.push([
      name,
      n % 2 === 1 ? "德国" : "Germany",
      `Hans Weber ${n}`,
      `hans${n}@${run}-${n}.de`,
      // Hamburg numbers no other test uses: a shared phone would make their customers duplicates of these.
      `+49 40 7788 10${n}`,
      "张伟",
      "B",
      `2026-10-0${n}`,
      "广交会认识",
      `wx_${run}_${n}`,
    ]);
  });
  rows.push([
    `${marker} Badmail Ltd`,
    "美国",
    "Al Moore",
    "not-an-email",
    "+1 212 555 0100",
    "张伟",
    "C",
    null,
    null,
    null,
  ]);
  rows.push([
    `${marker} Typo Country Co`,
    "Germnay",
    "Carl Diem",
    `carl@${run}-typo.de`,
    null,
    "张伟",
    "C",
    null,
    null,
    null,
  ]);
  rows.push([existingCompany, "德国", "Someone Else", null, null, "张伟", null, null, null, null]);
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), "客户");
  return XLSX.write(workbook, { type: "buffer", bookType: "xls" }) as Buffer;
}

/** The first sheet of a downloaded .xlsx as rows of cells. */
async function sheetRows(download: Download): Promise<unknown[][]> {
  const path = await download.path();
  const workbook = XLSX.read(readFileSync(path), { type: "buffer" });
  const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ""];
  if (!sheet) throw new Error("The downloaded workbook has no sheet.");
  return XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: false });
}

/** Picks an option of an Ant Design select: opens it, types to search, clicks the option. */
async function choose(page: Page, testId: string, search: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(search);
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: option })
    .first()
    .click();
}

/** The number a count card shows, once the preview has settled. */
async function count(page: Page, testId: string): Promise<number> {
  return Number(
    (await page.getByTestId(testId).locator(".ant-statistic-content").textContent())?.replace(/\D/g, ""),
  );
}

/** Waits until no preview request is in flight (the tables stop showing their spinner). */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator(".ant-spin-spinning").count(), { timeout: 10_000 }).toBe(0);
}

describe("customer spreadsheets (Chromium)", () => {
  it("imports a Ningbo .xls as a sales rep: header below a title, a corrected column, problems, a duplicate, rejected rows", async () => {
    const page = await logIn("sales1@demo.test");
    const existing = (await getJson<{ items: { companyName: string }[] }>(page, "/api/customers?limit=1"))
      .items[0]?.companyName;
    if (!existing) throw new Error("The demo company should give sales1 at least one customer.");

    await page.goto("/customers");
    await page.getByTestId("customers-import").click();
    await page.waitForURL("**/customers/import");
    await page.getByTestId("import-upload").setInputFiles({
      name: `外贸客户表-${run}.xls`,
      mimeType: "application/vnd.ms-excel",
      buffer: buildWorkbook(existing),
    });

    // The header is found in row 2, under the company title, which is shown but not imported.
    const headerPicker = page.getByTestId("import-header-row");
    await headerPicker.waitFor();
    await page.waitForURL(/\/customers\/import\/[0-9a-f-]{36}$/);
    expect(await headerPicker.getAttribute("data-header-row")).toBe("1");
    expect(await headerPicker.locator("tr[data-row-key='1']").getAttribute("class")).toContain(
      "ant-table-row-selected",
    );
    expect(await headerPicker.locator("tr[data-row-key='0']").textContent()).toContain(TITLE);

    // The known headers are mapped; 微信号码 is not, until the rep maps it to 微信.
    expect(await page.getByTestId("import-mapping-0").getAttribute("data-field")).toBe("companyName");
    expect(await page.getByTestId("import-mapping-5").getAttribute("data-field")).toBe("owner");
    const wechat = page.getByTestId(`import-mapping-${WECHAT_COLUMN}`);
    expect(await wechat.getAttribute("data-field")).toBe("");
    await choose(page, `import-mapping-${WECHAT_COLUMN}`, "微信", "微信");
    await expect.poll(() => wechat.getAttribute("data-field"), { timeout: 10_000 }).toBe("wechat");
    await settled(page);

    await page.getByTestId("import-next").click();
    await page.getByTestId("import-counts").waitFor();
    await settled(page);
    // The mapping the server previewed is the corrected one (it survived the step change).
    expect(await count(page, "import-counts-create")).toBe(8);
    expect(await count(page, "import-counts-reject")).toBe(2);
    expect(await count(page, "import-counts-skip")).toBe(1);

    const problems = page.getByTestId("import-problems");
    expect(await problems.getAttribute("data-count")).toBe("2");
    expect(await problems.locator("tbody tr.ant-table-row").count()).toBe(2);
    const problemText = await problems.textContent();
    expect(problemText).toContain("“not-an-email”不是有效的邮箱地址");
    expect(problemText).toContain("无法识别国家“Germnay”（是不是 德国 (DE)？）");

    const duplicates = page.getByTestId("import-duplicate-rows");
    expect(await duplicates.getAttribute("data-count")).toBe("1");
    expect(await duplicates.locator("tbody tr.ant-table-row").textContent()).toContain(existing);

    // Choosing "update" would update the existing customer; the rep goes back to skipping it.
    await page.getByTestId("import-duplicates-update").click();
    await expect.poll(() => count(page, "import-counts-update"), { timeout: 10_000 }).toBe(1);
    await page.getByTestId("import-duplicates-skip").click();
    await expect.poll(() => count(page, "import-counts-update"), { timeout: 10_000 }).toBe(0);
    await settled(page);
    expect(await count(page, "import-counts-skip")).toBe(1);
    expect(await page.getByTestId("import-sample").textContent()).toContain(goodNames[0]);

    await page.getByTestId("import-start").click();
    const progress = page.getByTestId("import-progress");
    await progress.waitFor();
    expect(await progress.locator(".ant-progress").count()).toBe(1);
    const result = page.locator("[data-testid='import-result'][data-status='done']");
    await result.waitFor({ timeout: 30_000 });
    expect(await count(page, "import-result-counts-create")).toBe(8);
    expect(await count(page, "import-result-counts-skip")).toBe(1);
    expect(await count(page, "import-result-counts-reject")).toBe(2);

    // The rejected rows come back as a workbook with the file's headers and a reason column.
    const [rejectedFile] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("import-download-rejected").click(),
    ]);
    expect(rejectedFile.suggestedFilename()).toBe(`外贸客户表-${run}-rejected.xlsx`);
    const [head, ...rejected] = await sheetRows(rejectedFile);
    expect(head).toContain("客户名称");
    expect(head?.at(-1)).toMatch(/原因/);
    expect(rejected).toHaveLength(2);
    const reasons = rejected.map((row) => String(row.at(-1)));
    expect(reasons.some((reason) => reason.includes("not-an-email"))).toBe(true);
    expect(reasons.some((reason) => reason.includes("Germnay"))).toBe(true);

    // The new customers are in the list, newest first; one of them carries the WeChat id.
    await page.getByTestId("import-open-customers").click();
    await page.waitForURL("**/customers?sort=-createdAt");
    await page.getByTestId("customers-search").fill(goodNames[2] ?? "");
    await page.waitForURL((url) => url.searchParams.get("q") === goodNames[2]);
    await page.locator("[data-testid='customers-table'][aria-busy='false']").waitFor();
    const rows = page.getByTestId("customers-table").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain(goodNames[2]);
    await rows.first().locator("a[data-testid^='customer-link-']").click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const contact = page.locator("[data-testid^='contact-card-']").first();
    await contact.waitFor();
    expect(await contact.textContent()).toContain(`wx_${run}_3`);
  });

  it("exports the filtered, sorted list as the department head and reads the file back", async () => {
    const page = await logIn("head@demo.test");
    // The list searched for this run's customers and sorted by company name, Z to A.
    await page.goto(`/customers?q=${marker}&sort=-companyName`);
    await page.locator("[data-testid='customers-table'][aria-busy='false']").waitFor();
    const rows = page.getByTestId("customers-table").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(8);

    await page.getByTestId("export-open").click();
    await page.getByTestId("export-start").click();
    const progress = page.locator("[data-testid='export-progress'][data-status='done']");
    await progress.waitFor({ timeout: 30_000 });
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-download").click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^客户列表-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const [head, ...customers] = await sheetRows(file);
    const column = (name: string) => {
      const index = head?.indexOf(name) ?? -1;
      if (index < 0) throw new Error(`The export has no column ${name}: ${JSON.stringify(head)}`);
      return customers.map((row) => row[index]);
    };
    // The list's order (Z to A) and exactly the list's customers, with Chinese headers and values.
    expect(column("公司名称")).toEqual([...goodNames].sort().reverse());
    expect(new Set(column("国家"))).toEqual(new Set(["德国"]));
    expect(new Set(column("成交状态"))).toEqual(new Set(["潜在"]));
    expect(new Set(column("客户等级"))).toEqual(new Set(["B"]));
    expect(column("联系人")).toContain("Hans Weber 1");
  });
});
