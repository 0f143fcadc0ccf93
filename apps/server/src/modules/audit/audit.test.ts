import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

describe(`audit log (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("R-ORG-5: the database refuses to update or delete an audit entry", async () => {
    const entry = await t.database.db.selectFrom("auditLog").select("id").limit(1).executeTakeFirstOrThrow();
    await expect(
      sql`update audit_log set action = 'forged' where id = ${entry.id}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${entry.id}`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
    const still = await t.database.db
      .selectFrom("auditLog")
      .select("action")
      .where("id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(still.action).not.toBe("forged");
  });

  it("R-ORG-5: an entry is written in the change's transaction: a failed change leaves no entry", async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom("auditLog")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // The e-mail is taken, so the insert fails after the audit entry would have been written.
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await t.services.audit.record(
          trx,
          { user: null, requestId: "r1" },
          { action: "test.action", entity: "test", entityId: "1", after: { a: 1 } },
        );
        await trx
          .insertInto("users")
          .values({
            id: "dup",
            email: "admin@demo.test",
            name: "x",
            locale: "zh-CN",
            active: 1,
            passwordHash: null,
            passwordChangedAt: null,
            teamId: null,
            createdAt: "",
            updatedAt: "",
            version: 1,
          })
          .execute();
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  it("R-ORG-5: no API route changes or deletes audit entries", () => {
    const writes = t.app.routeTable.filter((r) => r.url.startsWith("/api/audit-log") && r.method !== "GET");
    expect(writes).toEqual([]);
  });

  it("admins browse and filter the log, newest first, by actor, entity, action and time, page by page", async () => {
    const admin = await t.as("admin");
    const edited = (await call(t.app, admin, "GET", `/api/users/${t.userId("sales3")}`)).json();
    await call(t.app, admin, "PATCH", `/api/users/${edited.id}`, { version: edited.version, name: "刘洋洋" });
    const mine = (await call(t.app, admin, "GET", `/api/audit-log?actorId=${t.userId("admin")}`)).json();
    expect(mine.items[0]).toMatchObject({
      action: "user.updated",
      entity: "user",
      entityId: edited.id,
      actorName: "系统管理员",
    });
    expect(mine.items[0].changes.name).toEqual({ before: "刘洋", after: "刘洋洋" });

    const byEntity = (
      await call(t.app, admin, "GET", `/api/audit-log?entity=user&entityId=${edited.id}`)
    ).json();
    expect(byEntity.items.map((e: { action: string }) => e.action)).toEqual(["user.updated", "user.created"]);

    const future = new Date(t.clock.now().getTime() + 60_000).toISOString();
    expect((await call(t.app, admin, "GET", `/api/audit-log?from=${future}`)).json().items).toEqual([]);

    const page1 = (await call(t.app, admin, "GET", "/api/audit-log?limit=3&entity=team")).json();
    const page2 = (
      await call(t.app, admin, "GET", `/api/audit-log?limit=3&entity=team&cursor=${page1.nextCursor}`)
    ).json();
    expect(page1.items).toHaveLength(3);
    const all = [...page1.items, ...page2.items].map((e: { id: string }) => e.id);
    expect([...all].sort().reverse()).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it("a sales rep may not read the audit log", async () => {
    expect((await call(t.app, await t.as("sales1"), "GET", "/api/audit-log")).statusCode).toBe(403);
  });
});
