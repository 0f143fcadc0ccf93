import { addDays, todayIn } from "@tradewind/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

describe(`customer archive (${engine})`, () => {
  let t: TestContext;
  let today: string;
  beforeAll(async () => {
    t = await createTestContext();
    today = todayIn("Asia/Shanghai", t.clock.now());
  });
  afterAll(() => t.close());

  const acme = {
    companyName: "ACME Trading Co., Ltd.",
    localName: "艾克米贸易有限公司",
    country: "de",
    address: "Hafenstraße 1, 20457 Hamburg",
    website: "https://www.acme-trading.de",
    industry: "Hardware",
    source: "trade_show",
    sourceDetail: "Canton Fair 2026",
    tags: ["hardware", "europe"],
    creditLimit: { minor: 5_000_000, currency: "EUR" },
    creditStatus: "good",
    notes: "Prefers e-mail in German.",
    demand: "target",
    expectedCloseDate: addDays(todayIn("Asia/Shanghai"), 60),
    contacts: [
      {
        name: "Hans Müller",
        title: "Purchasing manager",
        emails: ["hans@acme-trading.de"],
        phones: ["+49 40 1234567"],
        whatsapp: "+49 151 2345678",
        primary: true,
      },
      { name: "Anna Schmidt", title: "Assistant", emails: ["anna@acme-trading.de"], wechat: "anna_s" },
    ],
  };

  it("R-CUST-1: creates a customer with its archive fields and two contacts, one primary", async () => {
    const rep = await t.as("sales1");
    const res = await call(t.app, rep, "POST", "/api/customers", acme);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      companyName: "ACME Trading Co., Ltd.",
      localName: "艾克米贸易有限公司",
      country: "DE",
      source: "trade_show",
      creditLimit: { minor: 5_000_000, currency: "EUR" },
      ownerId: t.userId("sales1"),
      ownerName: "张伟",
      dealStatus: "potential",
      demand: "target",
      version: 1,
    });
    expect(created.contacts).toHaveLength(2);
    expect(
      created.contacts.filter((c: { primary: boolean }) => c.primary).map((c: { name: string }) => c.name),
    ).toEqual(["Hans Müller"]);
    const again = await call(t.app, rep, "GET", `/api/customers/${created.id}`);
    expect(again.json()).toEqual(created);
  });

  it("R-CUST-1: rejects bad e-mails, phones, web addresses and countries with messages that say what to fix", async () => {
    const rep = await t.as("sales1");
    const res = await call(t.app, rep, "POST", "/api/customers", {
      companyName: "Bad Data Ltd",
      country: "XX",
      website: "not a site",
      contacts: [{ name: "X", emails: ["x@"], phones: ["0574 8765 4321"] }],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(["country", "website", "contacts.0.emails.0", "contacts.0.phones.0"]),
    );
    const phone = res.json().error.details.find((d: { path: string }) => d.path === "contacts.0.phones.0");
    expect(phone.message).toContain("international form");
  });

  it("R-CUST-5: a near-duplicate is refused with the match and its owner, even when the user cannot open it", async () => {
    const other = await t.as("sales3");
    const res = await call(t.app, other, "POST", "/api/customers", {
      companyName: "Acme Trading Limited",
      country: "GB",
    });
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.error.code).toBe("duplicate");
    expect(body.error.details).toEqual([
      expect.objectContaining({
        companyName: "ACME Trading Co., Ltd.",
        ownerName: "张伟",
        matchedOn: ["name"],
        canOpen: false,
      }),
    ]);
    const byDomain = await call(t.app, other, "POST", "/api/customers/duplicate-check", {
      companyName: "Hamburg Imports",
      emails: ["buyer@acme-trading.de"],
    });
    expect(byDomain.json().items[0]).toMatchObject({ ownerName: "张伟", matchedOn: ["email_domain"] });
    const byPhone = await call(t.app, other, "POST", "/api/customers/duplicate-check", {
      phones: ["0049 40 1234567"],
    });
    expect(byPhone.json().items[0].matchedOn).toEqual(["phone"]);
    const byWebsite = await call(t.app, other, "POST", "/api/customers/duplicate-check", {
      website: "acme-trading.de/en",
    });
    expect(byWebsite.json().items[0].matchedOn).toEqual(["website"]);
    const freeMail = await call(t.app, other, "POST", "/api/customers/duplicate-check", {
      emails: ["someone@gmail.com"],
    });
    expect(freeMail.json().items).toEqual([]);
  });

  it("R-CUST-5: creating anyway needs the permission and a reason, and is audited", async () => {
    const rep = await t.as("sales3");
    const forced = await call(t.app, rep, "POST", "/api/customers", {
      companyName: "Acme Trading Limited",
      country: "GB",
      force: true,
      duplicateReason: "UK branch",
    });
    expect(forced.statusCode).toBe(403);
    const head = await t.as("head");
    const noReason = await call(t.app, head, "POST", "/api/customers", {
      companyName: "Acme Trading Limited",
      country: "GB",
      force: true,
    });
    expect(noReason.statusCode).toBe(400);
    const ok = await call(t.app, head, "POST", "/api/customers", {
      companyName: "Acme Trading Limited",
      country: "GB",
      force: true,
      duplicateReason: "UK branch, separate buyer",
    });
    expect(ok.statusCode).toBe(201);
    const entry = await t.database.db
      .selectFrom("auditLog")
      .selectAll()
      .where("entityId", "=", ok.json().id)
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe("customer.created_despite_duplicates");
    expect(entry.changes).toContain("UK branch, separate buyer");
  });

  it("optimistic concurrency: a stale save gets 409 and changes nothing", async () => {
    const rep = await t.as("sales1");
    const customer = await t.customerFor("sales1", { companyName: "Stale Save GmbH" });
    const first = await call(t.app, rep, "PATCH", `/api/customers/${customer.id}`, {
      version: customer.version,
      industry: "Tools",
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(customer.version + 1);
    const stale = await call(t.app, rep, "PATCH", `/api/customers/${customer.id}`, {
      version: customer.version,
      industry: "Toys",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("stale_version");
    expect((await call(t.app, rep, "GET", `/api/customers/${customer.id}`)).json().industry).toBe("Tools");
  });

  it("R-GRADE-1: the grade is suggested from demand and close date; an override is audited with the suggestion beside it", async () => {
    const rep = await t.as("sales1");
    const customer = await t.customerFor("sales1", {
      companyName: "Grade Test SA",
      demand: "target",
      expectedCloseDate: addDays(today, 60),
    });
    expect(customer).toMatchObject({ suggestedGrade: "B", grade: "B", gradeOverridden: false });
    const overridden = await call(t.app, rep, "PATCH", `/api/customers/${customer.id}`, {
      version: customer.version,
      grade: "A",
    });
    expect(overridden.json()).toMatchObject({ grade: "A", suggestedGrade: "B", gradeOverridden: true });
    const entry = await t.database.db
      .selectFrom("auditLog")
      .selectAll()
      .where("entityId", "=", customer.id)
      .where("action", "=", "customer.grade_overridden")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.changes)).toEqual({
      grade: { before: "B", after: "A" },
      suggestedGrade: { before: "B", after: "B" },
    });
    // An override stays when the inputs change; a dead demand is still suggested E beside it.
    const later = await call(t.app, rep, "PATCH", `/api/customers/${customer.id}`, {
      version: overridden.json().version,
      demand: "dead",
    });
    expect(later.json()).toMatchObject({ grade: "A", suggestedGrade: "E", gradeOverridden: true });
    const follow = await call(t.app, rep, "PATCH", `/api/customers/${customer.id}`, {
      version: later.json().version,
      grade: "E",
    });
    expect(follow.json()).toMatchObject({ grade: "E", gradeOverridden: false });
  });

  it("R-CLS-1, R-CLS-2, R-CLS-4: deal status, importance and demand are stored and filterable", async () => {
    const rep = await t.as("sales2");
    const created = await t.customerFor("sales2", {
      companyName: "Filter Dimensions Ltd",
      dealStatus: "negotiating",
      importance: "A",
      demand: "dead",
    });
    const list = await call(
      t.app,
      rep,
      "GET",
      "/api/customers?dealStatus=negotiating&importance=A&demand=dead",
    );
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([created.id]);
    expect(created.grade).toBe("E");
  });

  it("R-CLS-3: a follow-up with a next action in 3 days makes the customer urgent; the daily job moves urgency with the calendar", async () => {
    const rep = await t.as("sales1");
    const customer = await t.customerFor("sales1", { companyName: "Urgency Works Oy", country: "FI" });
    expect(customer.urgency).toBeNull();
    const followUp = await call(t.app, rep, "POST", `/api/customers/${customer.id}/follow-ups`, {
      date: today,
      channel: "call",
      summary: "Asked for the new price list",
      nextAction: "Send price list",
      nextActionDate: addDays(today, 3),
    });
    expect(followUp.statusCode).toBe(201);
    const after = (await call(t.app, rep, "GET", `/api/customers/${customer.id}`)).json();
    expect(after).toMatchObject({
      urgency: "urgent",
      nextAction: "Send price list",
      nextActionDate: addDays(today, 3),
    });
    expect(after.lastFollowUpAt).toBeTruthy();

    const later = await t.customerFor("sales1", {
      companyName: "Later Works Oy",
      nextActionDate: addDays(today, 20),
    });
    expect(later.urgency).toBe("moderate");
    t.clock.advance(14 * 86_400_000);
    await t.services.customers.recomputeClassification();
    expect(
      (await call(t.app, await t.as("sales1"), "GET", `/api/customers/${later.id}`)).json().urgency,
    ).toBe("urgent");
    t.clock.advance(-14 * 86_400_000);
    await t.services.customers.recomputeClassification();
  });

  it("R-GRADE-1: the daily job moves a suggested grade with the calendar and leaves overrides alone", async () => {
    const followed = await t.customerFor("sales1", {
      companyName: "Calendar Grade AB",
      demand: "target",
      expectedCloseDate: addDays(today, 80),
    });
    expect(followed.grade).toBe("B");
    t.clock.advance(60 * 86_400_000);
    await t.services.customers.recomputeClassification();
    const rep = await t.as("sales1");
    expect((await call(t.app, rep, "GET", `/api/customers/${followed.id}`)).json()).toMatchObject({
      grade: "A",
      suggestedGrade: "A",
    });
    t.clock.advance(-60 * 86_400_000);
  });

  it("R-CUST-4: a key account gets a dedicated owner, who sees it too", async () => {
    const customer = await t.customerFor("sales1", {
      companyName: "Key Account Pty",
      country: "AU",
      keyAccount: true,
      keyAccountOwnerId: t.userId("sales3"),
    });
    expect(customer).toMatchObject({ keyAccount: true, keyAccountOwnerId: t.userId("sales3") });
    const dedicated = await t.as("sales3");
    expect((await call(t.app, dedicated, "GET", `/api/customers/${customer.id}`)).statusCode).toBe(200);
  });

  it("R-ORG-4: a rep sees its own customers; a lead its team's; the head and the GM all", async () => {
    const mine = await t.customerFor("sales2", { companyName: "Scope Two Ltd" });
    const ids = async (key: "sales1" | "sales2" | "sales3" | "head" | "gm") =>
      (
        (await call(t.app, await t.as(key), "GET", "/api/customers?limit=200")).json().items as {
          id: string;
        }[]
      ).map((c) => c.id);
    expect(await ids("sales2")).toContain(mine.id);
    expect(await ids("sales3")).not.toContain(mine.id);
    expect(await ids("sales1")).toContain(mine.id);
    expect(await ids("head")).toContain(mine.id);
    expect(await ids("gm")).toContain(mine.id);
    const owners = (
      (await call(t.app, await t.as("sales2"), "GET", "/api/customers?limit=200")).json().items as {
        ownerId: string;
        keyAccountOwnerId: string | null;
      }[]
    ).map((c) => c.ownerId);
    expect(new Set(owners)).toEqual(new Set([t.userId("sales2")]));
  });

  it("the timeline shows creation, follow-ups, classification and owner changes in one stream, newest first, paged", async () => {
    const rep = await t.as("sales1");
    const customer = await t.customerFor("sales1", { companyName: "Timeline Trading BV", country: "NL" });
    await call(t.app, rep, "POST", `/api/customers/${customer.id}/follow-ups`, {
      date: today,
      channel: "email",
      summary: "Sent samples",
    });
    const current = (await call(t.app, rep, "GET", `/api/customers/${customer.id}`)).json();
    await call(t.app, rep, "PATCH", `/api/customers/${customer.id}`, {
      version: current.version,
      dealStatus: "negotiating",
    });
    await call(t.app, rep, "POST", "/api/customers/transfer", {
      customerIds: [customer.id],
      toUserId: t.userId("sales2"),
    });
    const page1 = (
      await call(t.app, await t.as("head"), "GET", `/api/customers/${customer.id}/timeline?limit=2`)
    ).json();
    expect(page1.items.map((e: { kind: string }) => e.kind)).toEqual(["owner_changed", "classification"]);
    const page2 = (
      await call(
        t.app,
        await t.as("head"),
        "GET",
        `/api/customers/${customer.id}/timeline?limit=2&cursor=${page1.nextCursor}`,
      )
    ).json();
    expect(page2.items.map((e: { kind: string }) => e.kind)).toEqual(["follow_up", "created"]);
    expect(page2.items[0].followUp).toMatchObject({ summary: "Sent samples", authorName: "张伟" });
    expect(page1.items[1].details).toEqual({ dealStatus: { before: "potential", after: "negotiating" } });
  });

  it("lists filter on every dimension, sort, and page by cursor without gaps or repeats", async () => {
    const gm = await t.as("gm");
    for (let i = 0; i < 7; i++) {
      await t.customerFor(i % 2 ? "sales1" : "sales3", {
        companyName: `Paging Test ${String(i).padStart(2, "0")}`,
        country: "JP",
        tags: ["paging"],
        source: "b2b_platform",
      });
      t.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/customers?tag=paging&country=JP&source=b2b_platform&limit=3&sort=companyName${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await call(t.app, gm, "GET", url)).json();
      seen.push(...page.items.map((c: { companyName: string }) => c.companyName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `Paging Test ${String(i).padStart(2, "0")}`));
    const newest = (await call(t.app, gm, "GET", "/api/customers?tag=paging&sort=-updatedAt&limit=1")).json();
    expect(newest.items[0].companyName).toBe("Paging Test 06");
    const team2 = (
      await call(
        t.app,
        gm,
        "GET",
        `/api/customers?tag=paging&teamId=${(await t.identity("sales3")).teamId}&withTotal=true`,
      )
    ).json();
    expect(team2.total).toBe(4);
    expect(team2.totalCapped).toBe(false);
    const byOwner = (
      await call(t.app, gm, "GET", `/api/customers?tag=paging&ownerId=${t.userId("sales1")}`)
    ).json();
    expect(byOwner.items).toHaveLength(3);
    const future = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    expect(
      (await call(t.app, gm, "GET", `/api/customers?tag=paging&createdFrom=${future}`)).json().items,
    ).toEqual([]);
    expect((await call(t.app, gm, "GET", "/api/customers?grade=Z")).statusCode).toBe(400);
  });

  it("R-GRADE-1: customers not graded yet are found with grade=none, alone or beside grades", async () => {
    const ungraded = await t.customerFor("sales2", {
      companyName: "Not Graded Yet Ltd",
      demand: "target",
      tags: ["grading"],
    });
    const graded = await t.customerFor("sales2", {
      companyName: "Graded C Ltd",
      grade: "C",
      tags: ["grading"],
    });
    expect(ungraded.grade).toBeNull();
    const rep = await t.as("sales2");
    const ids = async (grade: string) =>
      (await call(t.app, rep, "GET", `/api/customers?tag=grading&grade=${grade}`))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await ids("none")).toEqual([ungraded.id]);
    expect((await ids("none,C")).sort()).toEqual([ungraded.id, graded.id].sort());
    expect(await ids("C")).toEqual([graded.id]);
  });

  it("bulk tags add and remove on selected customers", async () => {
    const rep = await t.as("sales1");
    const a = await t.customerFor("sales1", { companyName: "Bulk A Ltd", tags: ["old"] });
    const b = await t.customerFor("sales1", { companyName: "Bulk B Ltd" });
    const res = await call(t.app, rep, "POST", "/api/customers/bulk-tags", {
      customerIds: [a.id, b.id],
      add: ["canton-2026"],
      remove: ["old"],
    });
    expect(res.json()).toEqual({ updated: 2 });
    const tagged = (await call(t.app, rep, "GET", "/api/customers?tag=canton-2026"))
      .json()
      .items.map((c: { tags: string[] }) => c.tags);
    expect(tagged).toEqual([["canton-2026"], ["canton-2026"]]);
  });

  it("merges two customers: contacts, follow-ups and history move to the survivor, audited", async () => {
    const lead = await t.as("sales1");
    const survivor = await t.customerFor("sales1", {
      companyName: "Merge Survivor GmbH",
      contacts: [{ name: "Eva", emails: [], phones: [], primary: true } as never],
    });
    const source = await t.customerFor("sales2", {
      companyName: "Merge Source KG",
      website: "merge-source.de",
      contacts: [{ name: "Otto", emails: ["otto@merge-source.de"], phones: [] } as never],
    });
    await call(t.app, lead, "POST", `/api/customers/${source.id}/follow-ups`, {
      date: today,
      channel: "visit",
      summary: "Visited the factory",
    });
    const res = await call(t.app, lead, "POST", `/api/customers/${survivor.id}/merge`, {
      sourceId: source.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json();
    expect(merged.contacts.map((c: { name: string; primary: boolean }) => [c.name, c.primary])).toEqual([
      ["Eva", true],
      ["Otto", false],
    ]);
    expect(merged.website).toBe("merge-source.de");
    expect((await call(t.app, lead, "GET", `/api/customers/${source.id}`)).statusCode).toBe(404);
    const followUps = (await call(t.app, lead, "GET", `/api/customers/${survivor.id}/follow-ups`)).json()
      .items;
    expect(followUps.map((f: { summary: string }) => f.summary)).toEqual(["Visited the factory"]);
    const kinds = (await call(t.app, lead, "GET", `/api/customers/${survivor.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["merged", "follow_up", "created"]));
    const audit = await t.database.db
      .selectFrom("auditLog")
      .select("action")
      .where("entityId", "in", [survivor.id, source.id])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["customer.merged", "customer.merged_away"]),
    );
    const dup = await call(t.app, lead, "POST", "/api/customers/duplicate-check", {
      website: "merge-source.de",
    });
    expect(dup.json().items.map((m: { id: string }) => m.id)).toEqual([survivor.id]);
  });

  it("deletes a customer (with permission), audited", async () => {
    const customer = await t.customerFor("sales2", { companyName: "Delete Me Ltd" });
    expect(
      (await call(t.app, await t.as("sales2"), "DELETE", `/api/customers/${customer.id}`)).statusCode,
    ).toBe(403);
    expect(
      (await call(t.app, await t.as("head"), "DELETE", `/api/customers/${customer.id}`)).statusCode,
    ).toBe(204);
    const entry = await t.database.db
      .selectFrom("auditLog")
      .select("action")
      .where("entityId", "=", customer.id)
      .where("action", "=", "customer.deleted")
      .executeTakeFirst();
    expect(entry).toBeDefined();
  });

  it("saved views belong to their user", async () => {
    const rep = await t.as("sales1");
    const created = await call(t.app, rep, "POST", "/api/saved-views", {
      area: "customers",
      name: "德国 A 级",
      state: { grade: ["A"], country: ["DE"] },
    });
    expect(created.statusCode).toBe(201);
    const mine = (await call(t.app, rep, "GET", "/api/saved-views?area=customers")).json().items;
    expect(mine.map((v: { name: string }) => v.name)).toContain("德国 A 级");
    const theirs = (await call(t.app, await t.as("sales2"), "GET", "/api/saved-views?area=customers")).json()
      .items;
    expect(theirs).toEqual([]);
  });
});
