import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

describe(`follow-ups (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("R-CUST-6: a follow-up has a date, channel, summary, contact, next action and its date", async () => {
    const rep = await t.as("sales2");
    const customer = await t.customerFor("sales2", {
      companyName: "Follow Up Foods Ltd",
      contacts: [{ name: "Priya", emails: [], phones: [] } as never],
    });
    const res = await call(t.app, rep, "POST", `/api/customers/${customer.id}/follow-ups`, {
      date: "2026-01-05",
      channel: "trade_show",
      summary: "Met at the booth; wants 2 x 40HQ of frozen shrimp",
      contactId: customer.contacts[0]!.id,
      nextAction: "Send PI",
      nextActionDate: "2026-01-09",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      channel: "trade_show",
      contactId: customer.contacts[0]!.id,
      authorName: "陈静",
      nextActionDate: "2026-01-09",
    });
    const wrongContact = await call(t.app, rep, "POST", `/api/customers/${customer.id}/follow-ups`, {
      date: "2026-01-05",
      channel: "call",
      summary: "x",
      contactId: "nope",
    });
    expect(wrongContact.statusCode).toBe(400);
    const badChannel = await call(t.app, rep, "POST", `/api/customers/${customer.id}/follow-ups`, {
      date: "2026-01-05",
      channel: "pigeon",
      summary: "x",
    });
    expect(badChannel.statusCode).toBe(400);
    const list = (await call(t.app, rep, "GET", `/api/customers/${customer.id}/follow-ups`)).json();
    expect(list.items).toHaveLength(1);
  });

  it("R-CUST-6: only the author or a lead may edit or delete a follow-up; both are audited", async () => {
    const customer = await t.customerFor("sales1", {
      companyName: "Shared Key Account AG",
      keyAccount: true,
      keyAccountOwnerId: t.userId("sales2"),
    });
    const author = await t.as("sales1");
    const created = (
      await call(t.app, author, "POST", `/api/customers/${customer.id}/follow-ups`, {
        date: "2026-01-06",
        channel: "email",
        summary: "Quoted FOB Ningbo",
      })
    ).json();
    const dedicated = await t.as("sales2");
    const denied = await call(t.app, dedicated, "PATCH", `/api/follow-ups/${created.id}`, {
      date: "2026-01-06",
      channel: "email",
      summary: "Rewritten",
      version: created.version,
    });
    expect(denied.statusCode).toBe(403);
    expect((await call(t.app, dedicated, "DELETE", `/api/follow-ups/${created.id}`)).statusCode).toBe(403);

    const edited = await call(t.app, author, "PATCH", `/api/follow-ups/${created.id}`, {
      date: "2026-01-06",
      channel: "email",
      summary: "Quoted FOB Ningbo, USD 12.50/pc",
      version: created.version,
    });
    expect(edited.statusCode).toBe(200);
    const stale = await call(t.app, author, "PATCH", `/api/follow-ups/${created.id}`, {
      date: "2026-01-06",
      channel: "email",
      summary: "x",
      version: created.version,
    });
    expect(stale.statusCode).toBe(409);

    const head = await t.as("head");
    expect((await call(t.app, head, "DELETE", `/api/follow-ups/${created.id}`)).statusCode).toBe(204);
    const actions = (
      await t.database.db
        .selectFrom("auditLog")
        .select("action")
        .where("entityId", "=", created.id)
        .orderBy("id")
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(["follow_up.created", "follow_up.updated", "follow_up.deleted"]);
    const timeline = (await call(t.app, head, "GET", `/api/customers/${customer.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(timeline).not.toContain("follow_up");
  });
});
