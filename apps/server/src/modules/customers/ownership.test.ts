import { addDays, todayIn } from "@tradewind/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

const DAY = 86_400_000;

describe(`ownership and the public pool (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("R-CUST-3: a transfer moves customers to the new owner and keeps their history", async () => {
    const lead = await t.as("sales1");
    const a = await t.customerFor("sales2", { companyName: "Transfer One SpA", country: "IT" });
    const b = await t.customerFor("sales2", { companyName: "Transfer Two SpA", country: "IT" });
    await call(t.app, await t.as("sales2"), "POST", `/api/customers/${a.id}/follow-ups`, {
      date: "2026-01-05",
      channel: "call",
      summary: "Discussed MOQ",
    });
    const res = await call(t.app, lead, "POST", "/api/customers/transfer", {
      customerIds: [a.id, b.id],
      toUserId: t.userId("sales1"),
    });
    expect(res.json()).toEqual({ transferred: 2 });
    const moved = (await call(t.app, lead, "GET", `/api/customers/${a.id}`)).json();
    expect(moved.ownerId).toBe(t.userId("sales1"));
    const timeline = (await call(t.app, lead, "GET", `/api/customers/${a.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(["owner_changed", "follow_up", "created"]);
    const audit = await t.database.db
      .selectFrom("auditLog")
      .selectAll()
      .where("entityId", "=", a.id)
      .where("action", "=", "customer.transferred")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes)).toEqual({
      ownerId: { before: t.userId("sales2"), after: t.userId("sales1") },
    });
    expect((await call(t.app, await t.as("sales2"), "GET", `/api/customers/${a.id}`)).statusCode).toBe(404);
  });

  it("R-CUST-3: a transfer to an inactive user is refused and moves nothing", async () => {
    const admin = await t.as("admin");
    const created = (
      await call(t.app, admin, "POST", "/api/users", {
        email: "leaver@demo.test",
        name: "Leaver",
        password: "leaver-password",
      })
    ).json();
    await call(t.app, admin, "PATCH", `/api/users/${created.id}`, {
      version: created.version,
      active: false,
    });
    const c = await t.customerFor("sales1", { companyName: "Inactive Target Ltd" });
    const res = await call(t.app, await t.as("sales1"), "POST", "/api/customers/transfer", {
      customerIds: [c.id],
      toUserId: created.id,
    });
    expect(res.statusCode).toBe(400);
  });

  it("R-CUST-3: all customers of a departing user, and its key accounts, are handed over in one action", async () => {
    const head = await t.as("head");
    const owned = [
      await t.customerFor("sales3", { companyName: "Handover A Inc" }),
      await t.customerFor("sales3", { companyName: "Handover B Inc" }),
    ];
    const keyAccount = await t.customerFor("sales2", {
      companyName: "Handover Key Inc",
      keyAccount: true,
      keyAccountOwnerId: t.userId("sales3"),
    });
    const res = await call(t.app, head, "POST", "/api/customers/hand-over", {
      fromUserId: t.userId("sales3"),
      toUserId: t.userId("sales2"),
    });
    expect(res.json().transferred).toBeGreaterThanOrEqual(2);
    for (const customer of owned)
      expect((await call(t.app, head, "GET", `/api/customers/${customer.id}`)).json().ownerId).toBe(
        t.userId("sales2"),
      );
    expect((await call(t.app, head, "GET", `/api/customers/${keyAccount.id}`)).json().keyAccountOwnerId).toBe(
      t.userId("sales2"),
    );
    const left = (await call(t.app, head, "GET", `/api/customers?ownerId=${t.userId("sales3")}`)).json()
      .items;
    expect(left).toEqual([]);
  });

  it("R-CUST-7: an untouched customer is announced a week ahead, then returns to the pool, audited; a touched one stays", async () => {
    const quiet = await t.customerFor("sales1", { companyName: "Quiet Customer SARL", country: "FR" });
    const busy = await t.customerFor("sales1", { companyName: "Busy Customer SARL", country: "FR" });
    t.clock.advance(84 * DAY);
    await call(t.app, await t.as("sales1"), "POST", `/api/customers/${busy.id}/follow-ups`, {
      date: todayIn("Asia/Shanghai", t.clock.now()),
      channel: "email",
      summary: "Still interested",
    });
    const warned = await t.services.ownership.recyclePool();
    expect(warned.warned).toBeGreaterThanOrEqual(1);
    const notes = (await call(t.app, await t.as("sales1"), "GET", "/api/notifications")).json();
    const warning = notes.items.find(
      (n: { kind: string; params: { customer: string } }) =>
        n.kind === "customer.pool_warning" && n.params.customer === "Quiet Customer SARL",
    );
    expect(warning).toMatchObject({ params: { days: 6 }, link: `/customers/${quiet.id}` });
    await t.services.ownership.recyclePool();
    const again = (await call(t.app, await t.as("sales1"), "GET", "/api/notifications")).json();
    expect(
      again.items.filter(
        (n: { kind: string; params: { customer: string } }) =>
          n.kind === "customer.pool_warning" && n.params.customer === "Quiet Customer SARL",
      ),
    ).toHaveLength(1);

    t.clock.advance(7 * DAY);
    const result = await t.services.ownership.recyclePool();
    expect(result.returned).toBeGreaterThanOrEqual(1);
    const pooled = await t.database.db
      .selectFrom("customers")
      .select(["ownerId", "pooledAt"])
      .where("id", "=", quiet.id)
      .executeTakeFirstOrThrow();
    expect(pooled.ownerId).toBeNull();
    expect(pooled.pooledAt).toBeTruthy();
    const stayed = await t.database.db
      .selectFrom("customers")
      .select("ownerId")
      .where("id", "=", busy.id)
      .executeTakeFirstOrThrow();
    expect(stayed.ownerId).toBe(t.userId("sales1"));
    const audit = await t.database.db
      .selectFrom("auditLog")
      .select("action")
      .where("entityId", "=", quiet.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("customer.returned_to_pool");

    // The pool is a list like any other, open to every rep; the customer keeps its history.
    const pool = (await call(t.app, await t.as("sales3"), "GET", "/api/customers?pool=true"))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(pool).toContain(quiet.id);
    const mine = (await call(t.app, await t.as("sales1"), "GET", "/api/customers"))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(mine).not.toContain(quiet.id);
    const claimed = await call(t.app, await t.as("sales3"), "POST", `/api/customers/${quiet.id}/claim`);
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ ownerId: t.userId("sales3"), pooledAt: null });
    const kinds = (await call(t.app, await t.as("sales3"), "GET", `/api/customers/${quiet.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(["claimed", "pooled", "created"]);
    const twice = await call(t.app, await t.as("sales2"), "POST", `/api/customers/${quiet.id}/claim`);
    expect(twice.statusCode).toBe(404);
  });

  it("R-CUST-7: the pool period can differ by grade, and claims are limited per user", async () => {
    const admin = await t.as("admin");
    const saved = await call(t.app, admin, "PUT", "/api/settings/pool", {
      days: 90,
      daysByGrade: { A: 180, E: 30 },
      warnDaysBefore: 7,
      claimLimit: 2,
    });
    expect(saved.statusCode).toBe(200);
    expect(
      (await call(t.app, await t.as("sales1"), "PUT", "/api/settings/pool", saved.json())).statusCode,
    ).toBe(403);
    const gradeA = await t.customerFor("sales1", { companyName: "Grade A Keeper", grade: "A" });
    const gradeE = await t.customerFor("sales1", { companyName: "Grade E Leaver", demand: "dead" });
    const plain = [0, 1, 2].map((i) => `Pool Claim ${i} Ltd`);
    const plainIds = [];
    for (const name of plain) plainIds.push((await t.customerFor("sales2", { companyName: name })).id);
    t.clock.advance(31 * DAY);
    await t.services.ownership.recyclePool();
    const owner = async (id: string) =>
      (
        await t.database.db
          .selectFrom("customers")
          .select("ownerId")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).ownerId;
    expect(await owner(gradeE.id)).toBeNull();
    expect(await owner(gradeA.id)).toBe(t.userId("sales1"));
    t.clock.advance(60 * DAY);
    await t.services.ownership.recyclePool();
    expect(await owner(gradeA.id)).toBe(t.userId("sales1"));
    for (const id of plainIds) expect(await owner(id)).toBeNull();

    const newestFirst = (
      await call(t.app, await t.as("sales1"), "GET", "/api/customers?pool=true&sort=-pooledAt")
    ).json().items;
    const pooledTimes = newestFirst.map((c: { pooledAt: string }) => c.pooledAt);
    expect(new Set(pooledTimes).size).toBeGreaterThan(1);
    expect(pooledTimes).toEqual([...pooledTimes].sort().reverse());
    const rep = await t.as("sales3");
    expect((await call(t.app, rep, "POST", `/api/customers/${plainIds[0]}/claim`)).statusCode).toBe(200);
    expect((await call(t.app, rep, "POST", `/api/customers/${plainIds[1]}/claim`)).statusCode).toBe(200);
    const third = await call(t.app, rep, "POST", `/api/customers/${plainIds[2]}/claim`);
    expect(third.statusCode).toBe(409);
    expect(third.json().error.message).toContain("limit is 2");
    expect(await owner(plainIds[2]!)).toBeNull();
  });

  it("R-PLAN-5: my day lists due and overdue follow-ups, urgent customers and key accounts untouched for 30 days", async () => {
    const today = todayIn("Asia/Shanghai", t.clock.now());
    const overdue = await t.customerFor("sales2", {
      companyName: "My Day Overdue",
      nextActionDate: addDays(today, -2),
      nextAction: "Call back",
    });
    const dueToday = await t.customerFor("sales2", { companyName: "My Day Today", nextActionDate: today });
    const soon = await t.customerFor("sales2", {
      companyName: "My Day Soon",
      nextActionDate: addDays(today, 4),
    });
    const later = await t.customerFor("sales2", {
      companyName: "My Day Later",
      nextActionDate: addDays(today, 40),
    });
    const key = await t.customerFor("sales2", { companyName: "My Day Key Account", keyAccount: true });
    const othersOverdue = await t.customerFor("sales1", {
      companyName: "Not Mine Overdue",
      nextActionDate: addDays(today, -1),
    });
    const day = (await call(t.app, await t.as("sales2"), "GET", "/api/my-day")).json();
    const ids = (list: { id: string }[]) => list.map((c) => c.id);
    expect(ids(day.due)).toEqual(expect.arrayContaining([overdue.id, dueToday.id]));
    expect(ids(day.due)).not.toContain(othersOverdue.id);
    expect(day.due.find((c: { id: string }) => c.id === overdue.id).overdue).toBe(true);
    expect(ids(day.urgent)).toContain(soon.id);
    expect(ids(day.urgent)).not.toContain(later.id);
    expect(ids(day.untouchedKeyAccounts)).toContain(key.id);
  });
});
