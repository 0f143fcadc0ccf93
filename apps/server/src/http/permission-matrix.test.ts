/**
 * R-ORG-4, generated from the route table: for every route, an anonymous request gets 401, a
 * user without the permission gets 403 and changes nothing, and a record outside the caller's
 * scope gets 404 and stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, createTestContext, engine, type TestContext } from "../test/harness.ts";
import { PERMISSION_MATRIX } from "../test/permission-matrix.ts";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

function concreteUrl(url: string): string {
  return url.replace(/:(\w+)/g, "00000000-0000-7000-8000-000000000000");
}

describe(`permission matrix (${engine})`, () => {
  let t: TestContext;
  let noRoles: Caller;
  beforeAll(async () => {
    t = await createTestContext();
    const { services } = t;
    const bare = await services.users.create(
      { user: null, requestId: null },
      {
        email: "no-roles@demo.test",
        name: "No roles",
        locale: "zh-CN",
        password: "no-roles-password",
        teamId: null,
        roleIds: [],
        zoneIds: [],
      },
    );
    noRoles = await t.sessionFor(bare.id);
  });
  afterAll(() => t.close());

  it("R-ORG-4: every route has an entry in the matrix, with the access it declares", () => {
    const routes = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !(r in PERMISSION_MATRIX));
    expect(missing, "routes without a permission-matrix entry").toEqual([]);
    const stale = Object.keys(PERMISSION_MATRIX).filter((key) => !routes.includes(key));
    expect(stale, "matrix entries without a route").toEqual([]);
    for (const route of t.app.routeTable) {
      expect(route.access, `${route.method} ${route.url}`).toBe(
        PERMISSION_MATRIX[`${route.method} ${route.url}`]!.access,
      );
    }
  });

  it("R-ORG-4: an anonymous request to any non-public route gets 401", async () => {
    const failures: string[] = [];
    for (const route of t.app.routeTable) {
      if (route.access === "public") continue;
      const res = await t.app.inject({
        method: route.method as Method,
        url: concreteUrl(route.url),
        payload: route.method === "GET" || route.method === "DELETE" ? undefined : {},
      });
      if (res.statusCode !== 401) failures.push(`${route.method} ${route.url} -> ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it("R-ORG-4: a user without the permission gets 403 and nothing changes", async () => {
    const auditBefore = await t.database.db
      .selectFrom("auditLog")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const failures: string[] = [];
    let checked = 0;
    for (const route of t.app.routeTable) {
      if (route.access === "public" || route.access === "user") continue;
      checked++;
      const res = await t.app.inject({
        method: route.method as Method,
        url: concreteUrl(route.url),
        headers: noRoles.headers,
        payload: route.method === "GET" || route.method === "DELETE" ? undefined : {},
      });
      if (res.statusCode !== 403 || res.json().error.code !== "forbidden")
        failures.push(`${route.method} ${route.url} -> ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(10);
    const auditAfter = await t.database.db
      .selectFrom("auditLog")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  it("R-ORG-4: a record outside the caller's scope answers 404 and stays unchanged", async () => {
    let checked = 0;
    for (const [key, entry] of Object.entries(PERMISSION_MATRIX)) {
      if (!entry.outOfScope) continue;
      checked++;
      const method = key.split(" ")[0] as Method;
      const caller = await t.as(entry.outOfScope.caller ?? "sales3");
      const target = await entry.outOfScope.arrange(t);
      const res = await t.app.inject({
        method,
        url: target.url,
        headers: caller.headers,
        ...(target.body === undefined ? {} : { payload: target.body as object }),
      });
      expect(res.statusCode, `${key}: ${res.body}`).toBe(404);
      expect(await target.stillThere(), `${key} left the record unchanged`).toBe(true);
    }
    expect(checked).toBeGreaterThan(0);
  });
});
