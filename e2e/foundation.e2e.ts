/**
 * The foundation in a real browser: log in as a demo user, switch to English and back, open
 * the settings, create a user, log out; a failed login shows the server's error.
 */
import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser.ts";

const session = useBrowser();

async function logIn(email: string, password = "tradewind-demo") {
  const { page } = await session.newContext();
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  return page;
}

describe("foundation (Chromium)", () => {
  it("a failed login shows the error and stays on the login page", async () => {
    const page = await logIn("admin@demo.test", "not-the-password");
    const error = page.getByTestId("login-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("E-mail or password is incorrect");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("the login page lists the demo logins", async () => {
    const { page } = await session.newContext();
    await page.goto("/login");
    await page.getByText("sales1@demo.test").waitFor();
    expect(await page.getByText("tradewind-demo").count()).toBeGreaterThan(0);
  });

  it("logs in, switches to English and back, creates a user in the settings, and logs out", async () => {
    const page = await logIn("admin@demo.test");
    const menu = page.getByTestId("side-menu");
    await menu.waitFor();
    expect(await menu.textContent()).toContain("用户管理");

    await page.getByTestId("lang-switch").getByText("English").click();
    await page.getByTestId("side-menu").getByText("Users").waitFor();
    expect(await page.getByTestId("side-menu").textContent()).toContain("Audit log");
    // The choice is saved on the user: a reload keeps English.
    await page.reload();
    await page.getByTestId("side-menu").getByText("Users").waitFor();
    await page.getByTestId("lang-switch").getByText("中文").click();
    await page.getByTestId("side-menu").getByText("用户管理").waitFor();

    await page.getByTestId("side-menu").getByText("用户管理").click();
    await page.waitForURL("**/settings/users");
    await page.getByTestId("users-table").waitFor();
    await page.getByTestId("user-create").click();
    const email = `new.rep.${Date.now()}@demo.test`;
    await page.getByTestId("user-form-email").fill(email);
    await page.getByTestId("user-form-name").fill("新业务员");
    await page.getByTestId("user-form-password").fill("a-long-password-1");
    await page.getByTestId("user-form-submit").click();
    await page.getByTestId("users-table").getByText(email).waitFor();
    // Editing saves and closes the drawer, and the table shows the change.
    await page
      .getByTestId("users-table")
      .getByRole("row", { name: new RegExp(email.replace(/\./g, "\\.")) })
      .getByText("编辑")
      .click();
    // The drawer fills in the user's current values once it is open; type only after that, and
    // after the page's own requests have settled (the list refetched after the creation, the
    // drawer's role, team and zone lists): on a busy CI machine a late answer re-rendered the
    // drawer after the new name was typed and the old name was saved.
    await page.waitForLoadState("networkidle");
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="user-form-name"]') as HTMLInputElement | null)?.value ===
        "新业务员",
    );
    await page.getByTestId("user-form-name").fill("新业务员（已改名）");
    await page.getByTestId("user-form-submit").click();
    // Saving closes the drawer; the saved name is what the users page shows from then on.
    await page.getByTestId("user-form-submit").waitFor({ state: "hidden" });
    await page.goto("/settings/users");
    await page.getByTestId("users-table").getByText("新业务员（已改名）").waitFor();

    await page.getByTestId("user-menu").click();
    await page.getByTestId("logout").click();
    await page.waitForURL("**/login**");
    await page.getByTestId("login-email").waitFor();
    const me = await page.evaluate(async () => (await fetch("/api/auth/session")).json());
    expect(me).toEqual({ me: null });

    const created = await logIn(email, "a-long-password-1");
    await created.getByTestId("side-menu").waitFor();
    expect(await created.getByTestId("side-menu").textContent()).not.toContain("用户管理");
  });

  it("a page the user may not open shows 403, an unknown page 404", async () => {
    const page = await logIn("buyer@demo.test");
    await page.getByTestId("side-menu").waitFor();
    await page.goto("/settings/users");
    await page.getByTestId("page-403").waitFor();
    await page.goto("/no/such/page");
    await page.getByTestId("page-404").waitFor();
  });

  it("an anonymous visit to a page leads to the login and back after logging in", async () => {
    const { page } = await session.newContext();
    await page.goto("/audit");
    await page.waitForURL("**/login?next=*");
    await page.getByTestId("login-email").fill("admin@demo.test");
    await page.getByTestId("login-password").fill("tradewind-demo");
    await page.getByTestId("login-submit").click();
    await page.waitForURL("**/audit");
    expect(new URL(page.url()).pathname).toBe("/audit");
  });
});
