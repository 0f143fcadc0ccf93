import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

describe(`organisation, roles and zones (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("R-ORG-1: the demo department has a head and sales, purchasing, after-sales and finance teams", async () => {
    const rep = await t.as("sales1");
    const departments = (await call(t.app, rep, "GET", "/api/departments")).json().items;
    const trade = departments.find((d: { name: string }) => d.name === "外贸部");
    expect(trade.leadUserId).toBe(t.userId("head"));
    const teams = (await call(t.app, rep, "GET", "/api/teams")).json().items as {
      kind: string;
      memberCount: number;
    }[];
    expect(new Set(teams.map((x) => x.kind))).toEqual(
      new Set(["sales", "purchasing", "logistics", "after_sales", "finance"]),
    );
    expect(
      teams
        .filter((x) => x.kind === "sales")
        .map((x) => x.memberCount)
        .sort(),
    ).toEqual([1, 2]);
  });

  it("R-ORG-2: the five zones each have one lead and members", async () => {
    const rep = await t.as("sales1");
    const zones = (await call(t.app, rep, "GET", "/api/zones")).json().items as {
      function: string;
      leadUserId: string;
      memberIds: string[];
    }[];
    expect(zones.map((z) => z.function).sort()).toEqual([
      "after_sales",
      "logistics",
      "market_development",
      "order_confirmation",
      "production_follow_up",
    ]);
    for (const zone of zones) {
      expect(zone.leadUserId).toBeTruthy();
      expect(zone.memberIds.length).toBeGreaterThan(0);
    }
  });

  it("R-ORG-3: every built-in role exists and a user may hold several", async () => {
    const admin = await t.as("admin");
    const roles = (await call(t.app, admin, "GET", "/api/roles")).json().items as {
      key: string;
      builtin: boolean;
    }[];
    for (const key of [
      "admin",
      "general_manager",
      "department_head",
      "zone_lead",
      "sales_rep",
      "merchandiser",
      "purchaser",
      "order_admin",
      "after_sales",
      "ar_accountant",
      "viewer",
    ]) {
      expect(roles.find((r) => r.key === key)?.builtin, key).toBe(true);
    }
    const sales1 = (await call(t.app, admin, "GET", `/api/users/${t.userId("sales1")}`)).json();
    expect(sales1.roleIds).toHaveLength(2);
  });

  it("creates, edits and deletes a team with confirmation of conflicts and audit", async () => {
    const admin = await t.as("admin");
    const department = (await call(t.app, admin, "GET", "/api/departments")).json().items[0];
    const created = await call(t.app, admin, "POST", "/api/teams", {
      name: "销售三组",
      departmentId: department.id,
      kind: "sales",
    });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    const edited = await call(t.app, admin, "PATCH", `/api/teams/${team.id}`, {
      name: "销售三组 (欧洲)",
      departmentId: department.id,
      kind: "sales",
      leadUserId: t.userId("sales3"),
      version: team.version,
    });
    expect(edited.statusCode).toBe(200);
    const stale = await call(t.app, admin, "PATCH", `/api/teams/${team.id}`, {
      name: "x",
      departmentId: department.id,
      kind: "sales",
      version: team.version,
    });
    expect(stale.statusCode).toBe(409);
    const withMembers = (await call(t.app, admin, "GET", "/api/teams"))
      .json()
      .items.find((x: { name: string }) => x.name === "销售一组");
    expect((await call(t.app, admin, "DELETE", `/api/teams/${withMembers.id}`)).statusCode).toBe(409);
    expect((await call(t.app, admin, "DELETE", `/api/teams/${team.id}`)).statusCode).toBe(204);
    const actions = (
      await t.database.db
        .selectFrom("auditLog")
        .select("action")
        .where("entityId", "=", team.id)
        .orderBy("id")
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(["team.created", "team.updated", "team.deleted"]);
  });

  it("a custom role's permissions take effect for its holders, and a held role cannot be deleted", async () => {
    const admin = await t.as("admin");
    const created = await call(t.app, admin, "POST", "/api/roles", {
      key: "export_clerk",
      nameZh: "单证员",
      nameEn: "Export clerk",
      dataScope: "team",
      permissions: ["users.read", "audit.read"],
    });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    const merch = (await call(t.app, admin, "GET", `/api/users/${t.userId("merch")}`)).json();
    const session = await t.sessionFor(merch.id);
    expect((await call(t.app, session, "GET", "/api/audit-log")).statusCode).toBe(403);
    await call(t.app, admin, "PATCH", `/api/users/${merch.id}`, {
      version: merch.version,
      roleIds: [...merch.roleIds, role.id],
    });
    expect((await call(t.app, session, "GET", "/api/audit-log")).statusCode).toBe(200);
    expect((await call(t.app, admin, "DELETE", `/api/roles/${role.id}`)).statusCode).toBe(409);
    const builtin = (await call(t.app, admin, "GET", "/api/roles"))
      .json()
      .items.find((r: { key: string }) => r.key === "viewer");
    expect((await call(t.app, admin, "DELETE", `/api/roles/${builtin.id}`)).statusCode).toBe(409);
    const badKey = await call(t.app, admin, "POST", "/api/roles", {
      key: "Bad Key",
      nameZh: "x",
      nameEn: "x",
      dataScope: "own",
      permissions: [],
    });
    expect(badKey.statusCode).toBe(400);
    const badPermission = await call(t.app, admin, "POST", "/api/roles", {
      key: "x_role",
      nameZh: "x",
      nameEn: "x",
      dataScope: "own",
      permissions: ["rule.world"],
    });
    expect(badPermission.statusCode).toBe(400);
  });

  it("edits zone members and records the change", async () => {
    const admin = await t.as("admin");
    const zone = (await call(t.app, admin, "GET", "/api/zones"))
      .json()
      .items.find((z: { function: string }) => z.function === "after_sales");
    const res = await call(t.app, admin, "PATCH", `/api/zones/${zone.id}`, {
      name: zone.name,
      function: zone.function,
      leadUserId: zone.leadUserId,
      memberIds: [...zone.memberIds, t.userId("sales2")],
      version: zone.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().memberIds).toContain(t.userId("sales2"));
    const entry = await t.database.db
      .selectFrom("auditLog")
      .selectAll()
      .where("entityId", "=", zone.id)
      .where("action", "=", "zone.updated")
      .executeTakeFirstOrThrow();
    expect(Object.keys(JSON.parse(entry.changes))).toEqual(["memberIds"]);
  });
});
