/**
 * R-ORG-4: the data scope, in SQL and in code, gives the same answer for every user and record
 * of the demo company. API tokens serve as records owned by users, since customers come later.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../demo/seed.ts";
import { createTestContext, type DemoKey, engine, type TestContext } from "../test/harness.ts";
import { inScope, scopeFilter } from "./policy.ts";

describe(`data scope (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    for (const user of DEMO_USERS) {
      await t.services.auth.createApiToken(
        { user: await identityOf(user.key), requestId: "seed" },
        `record of ${user.key}`,
        null,
      );
    }
  });
  afterAll(() => t.close());

  async function identityOf(key: DemoKey) {
    const row = await t.database.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", t.userId(key))
      .executeTakeFirstOrThrow();
    const core = await t.services.identity.forUser(row);
    return { ...core, via: "session" as const, sessionId: null, csrfToken: null };
  }

  async function visibleOwners(key: DemoKey): Promise<string[]> {
    const user = await identityOf(key);
    const rows = await t.database.db
      .selectFrom("apiTokens")
      .innerJoin("users", "users.id", "apiTokens.userId")
      .select("users.email")
      .where(scopeFilter(user, sql.ref("api_tokens.user_id")))
      .execute();
    return rows.map((r) => r.email.split("@")[0]!).sort();
  }

  it("R-ORG-4: a sales rep sees only its own records", async () => {
    expect(await visibleOwners("sales2")).toEqual(["sales2"]);
  });

  it("R-ORG-4: a zone lead sees its team's and its zone members' records", async () => {
    expect(await visibleOwners("sales1")).toEqual(["sales1", "sales2", "sales3"]);
  });

  it("R-ORG-4: the department head sees the department; the general manager and the AR accountant see all", async () => {
    const head = await visibleOwners("head");
    expect(head).toEqual(
      expect.arrayContaining([
        "sales1",
        "sales2",
        "sales3",
        "merch",
        "buyer",
        "logistics",
        "service",
        "head",
      ]),
    );
    expect(head).not.toContain("ar");
    expect(await visibleOwners("gm")).toHaveLength(DEMO_USERS.length);
    expect(await visibleOwners("ar")).toHaveLength(DEMO_USERS.length);
  });

  it("R-ORG-4: the SQL filter and the in-code check agree for every user and record", async () => {
    const owners = await t.database.db
      .selectFrom("users")
      .leftJoin("teams", "teams.id", "users.teamId")
      .select(["users.id", "users.email", "users.teamId", "teams.departmentId"])
      .execute();
    const zoneMembers = await t.database.db.selectFrom("zoneMembers").selectAll().execute();
    for (const viewer of DEMO_USERS) {
      const user = await identityOf(viewer.key);
      const sqlAnswer = await visibleOwners(viewer.key);
      const codeAnswer = owners
        .filter((owner) =>
          inScope(user, {
            ownerId: owner.id,
            ownerTeamId: owner.teamId,
            ownerDepartmentId: owner.departmentId ?? null,
            ownerZoneIds: zoneMembers.filter((m) => m.userId === owner.id).map((m) => m.zoneId),
          }),
        )
        .map((o) => o.email.split("@")[0]!)
        .filter((name) => DEMO_USERS.some((u) => u.key === name))
        .sort();
      expect(sqlAnswer, viewer.key).toEqual(codeAnswer);
    }
  });
});
