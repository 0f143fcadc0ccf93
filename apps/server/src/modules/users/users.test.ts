import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, engine, TEST_PASSWORD, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

describe(`users (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  async function roleId(key: string) {
    return (
      await t.database.db.selectFrom("roles").select("id").where("key", "=", key).executeTakeFirstOrThrow()
    ).id;
  }

  it("lists users with search and cursor paging", async () => {
    const admin = await t.as("admin");
    const first = await call(t.app, admin, "GET", "/api/users?limit=5");
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(5);
    expect(page1.nextCursor).toBeTruthy();
    const second = (await call(t.app, admin, "GET", `/api/users?limit=5&cursor=${page1.nextCursor}`)).json();
    const ids = [...page1.items, ...second.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    const found = (await call(t.app, admin, "GET", "/api/users?q=SALES")).json();
    expect(found.items.map((u: { email: string }) => u.email).sort()).toEqual([
      "sales1@demo.test",
      "sales2@demo.test",
      "sales3@demo.test",
    ]);
    const badCursor = await call(t.app, admin, "GET", "/api/users?cursor=garbage");
    expect(badCursor.statusCode).toBe(400);
  });

  it("R-ORG-5: creating a user is audited without its password", async () => {
    const admin = await t.as("admin");
    const res = await call(t.app, admin, "POST", "/api/users", {
      email: "New.Rep@Demo.test",
      name: "新业务员",
      password: "a-long-password",
      roleIds: [await roleId("sales_rep")],
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user.email).toBe("new.rep@demo.test");
    expect(user.locale).toBe("zh-CN");
    const audit = await t.database.db
      .selectFrom("auditLog")
      .selectAll()
      .where("entityId", "=", user.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["user.created"]);
    expect(audit[0]!.actorId).toBe(t.userId("admin"));
    expect(audit[0]!.requestId).toBeTruthy();
    expect(audit[0]!.changes).not.toContain("a-long-password");
    expect(audit[0]!.changes).not.toContain("argon2");
    const stored = await t.database.db
      .selectFrom("users")
      .select("passwordHash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+)/);
    const [, memory, iterations] = stored.passwordHash!.match(/m=(\d+),t=(\d+)/)!;
    expect(Number(memory)).toBeGreaterThanOrEqual(19 * 1024);
    expect(Number(iterations)).toBeGreaterThanOrEqual(2);
  });

  it("rejects bad input with messages that say what to fix", async () => {
    const admin = await t.as("admin");
    const bad = await call(t.app, admin, "POST", "/api/users", {
      email: "not-an-email",
      name: "",
      password: "short",
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json();
    expect(body.error.code).toBe("validation_failed");
    const paths = body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["email", "name", "password"]));
    const duplicate = await call(t.app, admin, "POST", "/api/users", {
      email: "sales1@demo.test",
      name: "X",
      password: "a-long-password",
    });
    expect(duplicate.statusCode).toBe(409);
    const unknownRole = await call(t.app, admin, "POST", "/api/users", {
      email: "x@demo.test",
      name: "X",
      password: "a-long-password",
      roleIds: ["no-such-role"],
    });
    expect(unknownRole.statusCode).toBe(400);
    expect(unknownRole.json().error.details[0].path).toBe("roleIds");
  });

  it("R-ORG-5: an edit records only the changed fields, and a stale version gets 409 and changes nothing", async () => {
    const admin = await t.as("admin");
    const id = t.userId("sales2");
    const before = (await call(t.app, admin, "GET", `/api/users/${id}`)).json();
    const edited = await call(t.app, admin, "PATCH", `/api/users/${id}`, {
      version: before.version,
      name: "陈静静",
      locale: "en-US",
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version).toBe(before.version + 1);
    const entry = await t.database.db
      .selectFrom("auditLog")
      .selectAll()
      .where("entityId", "=", id)
      .where("action", "=", "user.updated")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.changes)).toEqual({
      name: { before: "陈静", after: "陈静静" },
      locale: { before: "zh-CN", after: "en-US" },
    });
    const stale = await call(t.app, admin, "PATCH", `/api/users/${id}`, {
      version: before.version,
      name: "Overwritten",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("stale_version");
    expect((await call(t.app, admin, "GET", `/api/users/${id}`)).json().name).toBe("陈静静");
  });

  it("R-ORG-4: deactivating a user ends its sessions and revokes its tokens at once", async () => {
    const admin = await t.as("admin");
    const id = t.userId("service");
    const session = await t.as("service");
    const { secret } = (await call(t.app, session, "POST", "/api/auth/tokens", { name: "mobile" })).json();
    const user = (await call(t.app, admin, "GET", `/api/users/${id}`)).json();
    const res = await call(t.app, admin, "PATCH", `/api/users/${id}`, {
      version: user.version,
      active: false,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await call(t.app, session, "GET", "/api/auth/me")).statusCode).toBe(401);
    expect(
      (await call(t.app, null, "GET", "/api/auth/me", undefined, { authorization: `Bearer ${secret}` }))
        .statusCode,
    ).toBe(401);
    const login = await call(t.app, null, "POST", "/api/auth/login", {
      email: "service@demo.test",
      password: TEST_PASSWORD,
    });
    expect(login.statusCode).toBe(401);
    const audit = await t.database.db
      .selectFrom("auditLog")
      .select("action")
      .where("entityId", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("user.deactivated");
  });

  it("an administrator cannot deactivate its own account", async () => {
    const admin = await t.as("admin");
    const me = (await call(t.app, admin, "GET", `/api/users/${t.userId("admin")}`)).json();
    const res = await call(t.app, admin, "PATCH", `/api/users/${me.id}`, {
      version: me.version,
      active: false,
    });
    expect(res.statusCode).toBe(400);
  });

  it("an administrator's password reset ends the user's sessions", async () => {
    const admin = await t.as("admin");
    const session = await t.sessionFor(t.userId("buyer"));
    const res = await call(t.app, admin, "POST", `/api/users/${t.userId("buyer")}/password`, {
      password: "reset-password-1",
    });
    expect(res.statusCode).toBe(204);
    expect((await call(t.app, session, "GET", "/api/auth/me")).statusCode).toBe(401);
    const login = await call(t.app, null, "POST", "/api/auth/login", {
      email: "buyer@demo.test",
      password: "reset-password-1",
    });
    expect(login.statusCode).toBe(200);
  });

  it("a user saves its own language", async () => {
    const rep = await t.as("sales3");
    const res = await call(t.app, rep, "PATCH", "/api/auth/me", { locale: "zh-CN" });
    expect(res.statusCode).toBe(200);
    expect(res.json().locale).toBe("zh-CN");
    expect((await call(t.app, rep, "GET", "/api/auth/me")).json().locale).toBe("zh-CN");
  });
});
