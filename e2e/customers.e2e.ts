/**
 * The customer screens in a real browser, as the sales rep sales2@demo.test (陈静, sees only its
 * own customers): create a customer with two contacts, be warned about a near-duplicate, log a
 * follow-up that makes the customer urgent, filter and search the list, move a card on the
 * board, and be refused a customer of another team. Every test makes its own customers, with a
 * per-run marker in their names, so the tests do not depend on each other or on the demo data.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser.ts";

const session = useBrowser();
const PASSWORD = "tradewind-demo";

/** Letters only: company names are compared without digits' help, and it reads as a word. */
const run = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join(
  "",
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

/** Calls the API with the page's session (and its CSRF token), for set-up and checks. */
async function apiIn<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await page.evaluate(
    async ({ method, path, body }) => {
      const state = (await (await fetch("/api/auth/session")).json()) as { me: { csrfToken: string } | null };
      const response = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": state.me?.csrfToken ?? "" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
  if (reply.status >= 400) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
  return (reply.text ? JSON.parse(reply.text) : null) as T;
}

interface CreatedCustomer {
  id: string;
  companyName: string;
  grade: string | null;
  urgency: string | null;
  version: number;
}

function createCustomer(page: Page, fields: Record<string, unknown>): Promise<CreatedCustomer> {
  return apiIn<CreatedCustomer>(page, "POST", "/api/customers", { country: "DE", contacts: [], ...fields });
}

/** Picks an option of an Ant Design select: opens it, types to search, clicks the option. */
async function choose(page: Page, testId: string, search: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: option })
    .first()
    .click();
  await page.keyboard.press("Escape");
}

/** A calendar day `days` from today in this computer's zone, as the date pickers write it. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The texts of the list's rows (company cells include the local name), once the list has settled. */
async function rowTexts(page: Page): Promise<string[]> {
  await page.locator("[data-testid='customers-table'][aria-busy='false']").waitFor();
  return page.getByTestId("customers-table").locator("tbody tr.ant-table-row").allInnerTexts();
}

describe("customers (Chromium, as a sales rep)", () => {
  it("creates a customer with two contacts, and flags a near-duplicate before and on saving", async () => {
    const page = await logIn("sales2@demo.test");
    const company = `ACME ${run} Trading Co., Ltd.`;
    await page.getByTestId("side-menu").getByText("客户列表").click();
    await page.getByTestId("customer-create").click();
    await page.waitForURL("**/customers/new");

    await page.getByTestId("customer-form-company").fill(company);
    await page.getByTestId("customer-form-local-name").fill(`艾克美${run}贸易`);
    await choose(page, "customer-form-country", "Germany", "德国");
    await page.getByTestId("contact-name-0").fill("Anna Schmidt");
    await page.getByTestId("contact-email-0").fill(`anna@acme-${run}.de`);
    await page.getByTestId("contact-phone-0").fill("+49 30 1234567");
    await page.getByTestId("contact-add").click();
    await page.getByTestId("contact-name-1").fill("Bernd Weber");
    await page.getByTestId("contact-email-1").fill(`bernd@acme-${run}.de`);
    // A phone without the country code is refused in the form, under its own field.
    await page.getByTestId("contact-phone-1").fill("030 7654321");
    await page.getByTestId("customer-form-submit").click();
    await page.getByText("请用国际格式填写电话").waitFor();
    expect(new URL(page.url()).pathname).toBe("/customers/new");
    await page.getByTestId("contact-phone-1").fill("+49 171 5550000");
    await page.getByTestId("customer-form-submit").click();

    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId("customer-title").textContent()).toBe(company);
    const contacts = page.locator("[data-testid^='contact-card-']");
    await contacts.nth(1).waitFor();
    expect(await contacts.count()).toBe(2);
    const contactText = (await contacts.allInnerTexts()).join(" ");
    expect(contactText).toContain("Anna Schmidt");
    expect(contactText).toContain("+49 171 5550000");

    // "Acme … Limited" is the same company under another legal form: the form says so while typing.
    await page.goto("/customers/new");
    await page.getByTestId("customer-form-company").fill(`Acme ${run} Trading Limited`);
    const warning = page.getByTestId("duplicate-warning");
    await warning.waitFor();
    const warningText = await warning.textContent();
    expect(warningText).toContain(`可能重复：${company}`);
    expect(warningText).toContain("负责人：陈静");

    // Saving anyway is refused by the server; a rep may not override it and is told to ask a lead.
    await choose(page, "customer-form-country", "Germany", "德国");
    await page.getByTestId("contact-name-0").fill("Carla Neumann");
    await page.getByTestId("customer-form-submit").click();
    const conflict = page.getByTestId("duplicate-conflict");
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(company);
    expect(await page.getByTestId("create-anyway").count()).toBe(0);
  });

  it("logs a follow-up with a next action in 3 days, and the customer becomes urgent", async () => {
    const page = await logIn("sales2@demo.test");
    const customer = await createCustomer(page, {
      companyName: `Nordlicht ${run} Leuchten GmbH`,
      contacts: [{ name: "Jonas Berg", emails: [`jonas@nordlicht-${run}.de`], primary: true }],
    });
    expect(customer.urgency).toBeNull();
    await page.goto(`/customers/${customer.id}`);
    const urgency = page.getByTestId("customer-urgency");
    await urgency.waitFor();
    expect(await urgency.getAttribute("data-urgency")).toBe("none");
    // The customer's clock is shown, in its country's zone.
    expect(await page.getByTestId("customer-local-time").textContent()).toContain("Europe/Berlin");

    await choose(page, "followup-channel", "", "电话");
    await page
      .getByTestId("followup-summary")
      .fill(`Called Jonas (${run}): wants samples of the 2 new lamps`);
    await page.getByTestId("followup-next-action").fill("Send samples");
    const nextDate = dayFromToday(3);
    await page.getByTestId("followup-next-date").click();
    await page.getByTestId("followup-next-date").fill(nextDate);
    await page.keyboard.press("Enter");
    await page.getByTestId("followup-submit").click();

    await page.locator("[data-testid='customer-urgency'][data-urgency='urgent']").waitFor();
    expect(await urgency.textContent()).toBe("紧急");
    const timeline = page.getByTestId("timeline");
    await timeline.getByText(`Called Jonas (${run})`).waitFor();
    expect(await timeline.textContent()).toContain("Send samples");
    const saved = await apiIn<{ nextActionDate: string; urgency: string }>(
      page,
      "GET",
      `/api/customers/${customer.id}`,
    );
    expect(saved).toMatchObject({ nextActionDate: nextDate, urgency: "urgent" });
  });

  it("filters the list by grade and country, and finds a customer by a fragment of its Chinese name", async () => {
    const page = await logIn("sales2@demo.test");
    const fjord = await createCustomer(page, {
      companyName: `Fjord ${run} Handel AS`,
      localName: "峡湾北极光贸易",
      country: "NO",
      grade: "B",
    });
    const other = await createCustomer(page, {
      companyName: `Fjord ${run} Sourcing AS`,
      country: "NO",
      grade: "C",
    });

    await page.goto("/customers");
    await page.getByTestId("customers-table").waitFor();
    await choose(page, "filter-grade", "", "B 级");
    await choose(page, "filter-country", "Norway", "挪威");
    await page.waitForURL(
      (url) => url.searchParams.get("grade") === "B" && url.searchParams.get("country") === "NO",
    );
    // The unfiltered list stays on screen while the filtered one loads: wait for it to go.
    await page.getByTestId(`customer-link-${other.id}`).waitFor({ state: "detached" });
    await page.getByTestId(`customer-link-${fjord.id}`).waitFor();
    // The list filtered by grade alone may still be shown: wait until only Norwegian rows remain.
    await page.waitForFunction(() => {
      const rows = Array.from(
        document.querySelectorAll('[data-testid="customers-table"] tbody tr.ant-table-row'),
      );
      return rows.length > 0 && rows.every((row) => row.textContent?.includes("挪威"));
    });
    const filtered = await rowTexts(page);
    expect(filtered.length).toBeGreaterThan(0);
    for (const row of filtered) {
      expect(row).toContain("B 级");
      expect(row).toContain("挪威");
    }
    expect(await page.getByTestId(`customer-link-${other.id}`).count()).toBe(0);
    // The filters are in the address: a reload (or a shared link) shows the same list.
    await page.reload();
    await page.getByTestId(`customer-link-${fjord.id}`).waitFor();
    expect(await page.getByTestId(`customer-link-${other.id}`).count()).toBe(0);

    await page.goto("/customers");
    const search = page.getByTestId("customers-search");
    await search.fill("极");
    await page.getByText("请至少输入 2 个字符再搜索").waitFor();
    await search.fill("北极光");
    await page.waitForURL((url) => url.searchParams.get("q") === "北极光");
    await page.getByTestId(`customer-link-${other.id}`).waitFor({ state: "detached" });
    await page.getByTestId(`customer-link-${fjord.id}`).waitFor();
    const found = await rowTexts(page);
    for (const row of found) expect(row).toContain("北极光");
    expect(await page.getByTestId(`customer-link-${other.id}`).count()).toBe(0);
  });

  it("moves a card on the board to another grade, and the grade stays after a reload", async () => {
    const page = await logIn("sales2@demo.test");
    const name = `Kanban ${run} Imports Ltd`;
    const customer = await createCustomer(page, { companyName: name, country: "GB", grade: "D" });
    expect(customer.grade).toBe("D");

    await page.goto(`/customers?q=${encodeURIComponent(name)}`);
    await page.getByTestId("view-switch").getByText("看板").click();
    await page.waitForURL((url) => url.pathname === "/customers/board");
    const card = page.getByTestId(`board-card-${customer.id}`);
    await page.getByTestId("board-column-D").getByTestId(`board-card-${customer.id}`).waitFor();

    await card.dragTo(page.getByTestId("board-column-B"));
    await page.getByTestId("board-column-B").getByTestId(`board-card-${customer.id}`).waitFor();
    expect(await page.getByTestId("board-column-D").getByTestId(`board-card-${customer.id}`).count()).toBe(0);

    await page.reload();
    await page.getByTestId("board-column-B").getByTestId(`board-card-${customer.id}`).waitFor();
    const saved = await apiIn<{ grade: string; gradeOverridden: boolean }>(
      page,
      "GET",
      `/api/customers/${customer.id}`,
    );
    expect(saved.grade).toBe("B");
  });

  it("cannot open a customer of another team: the link shows the 404 page", async () => {
    // sales3 works in the other sales team; its customers are outside sales2's scope.
    const login = await fetch(`${session.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "sales3@demo.test", password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const theirs = (await (
      await fetch(`${session.baseUrl}/api/customers?limit=1`, { headers: { cookie } })
    ).json()) as { items: { id: string; companyName: string }[] };
    const foreign = theirs.items[0];
    if (!foreign) throw new Error("sales3 owns no customers in the demo data");

    const page = await logIn("sales2@demo.test");
    await page.goto(`/customers/${foreign.id}`);
    await page.getByTestId("page-404").waitFor();
    expect(await page.getByTestId("customer-title").count()).toBe(0);
    expect(await page.content()).not.toContain(foreign.companyName);
  });
});
