/**
 * Customer search: Chinese substrings, Latin word prefixes, contact names, e-mails and phones,
 * within the caller's scope, and only through the search indexes (the query plans prove it).
 */
import { planSearch } from "@tradewind/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";
import { listPageQuery } from "./customers.repository.ts";

describe(`customer search (${engine})`, () => {
  let t: TestContext;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestContext();
    const make = async (key: string, owner: "sales2" | "sales3", fields: Record<string, unknown>) => {
      ids[key] = (await t.customerFor(owner, { country: "CN", ...fields })).id;
    };
    await make("haitian", "sales2", {
      companyName: "Ningbo Haitian Trading Co., Ltd.",
      localName: "宁波海天贸易有限公司",
    });
    await make("haishan", "sales2", {
      companyName: "Zhoushan Haishan Fisheries",
      localName: "舟山海山水产有限公司",
    });
    await make("acme", "sales2", {
      companyName: "ACME Industrial Supplies",
      country: "US",
      contacts: [
        {
          name: "Margaret O'Brien",
          emails: ["m.obrien@acme-industrial.com"],
          phones: ["+1 212 555 0199"],
          primary: true,
        },
      ],
    });
    await make("other", "sales3", {
      companyName: "Ningbo Other Team Imports",
      localName: "宁波别队进出口有限公司",
    });
    for (let i = 0; i < 30; i++)
      await make(`filler${i}`, "sales2", { companyName: `Filler Company ${i}`, country: "DE" });
  });
  afterAll(() => t.close());

  async function search(q: string, as: "sales1" | "sales2" | "sales3" | "gm" = "sales2") {
    const res = await call(t.app, await t.as(as), "GET", `/api/customers?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((c) => c.id).sort();
  }

  it("finds a Chinese name by a fragment of two, three or more characters", async () => {
    expect(await search("海天")).toEqual([ids.haitian]);
    expect(await search("宁波海")).toEqual([ids.haitian]);
    expect(await search("水产")).toEqual([ids.haishan]);
  });

  it("finds Latin names by word prefix and by substring, ignoring case", async () => {
    expect(await search("ningbo")).toEqual([ids.haitian]);
    expect(await search("Ni")).toEqual([ids.haitian]);
    expect(await search("dustrial")).toEqual([ids.acme]);
    expect(await search("ＡＣＭＥ")).toEqual([ids.acme]);
  });

  it("finds contacts by name, e-mail and phone", async () => {
    expect(await search("o'brien")).toEqual([ids.acme]);
    expect(await search("m.obrien@acme-industrial.com")).toEqual([ids.acme]);
    expect(await search("555 0199")).toEqual([ids.acme]);
    expect(await search("+1 (212) 555-0199")).toEqual([ids.acme]);
  });

  it("R-ORG-4: search obeys the scope", async () => {
    expect(await search("宁波", "sales2")).toEqual([ids.haitian]);
    expect(await search("宁波", "sales3")).toEqual([ids.other]);
    expect(await search("宁波", "sales1")).toEqual([ids.haitian, ids.other].sort());
    expect(await search("宁波", "gm")).toEqual([ids.haitian, ids.other].sort());
  });

  it("follows renames and contact changes", async () => {
    const rep = await t.as("sales2");
    const current = (await call(t.app, rep, "GET", `/api/customers/${ids.haishan}`)).json();
    await call(t.app, rep, "PATCH", `/api/customers/${ids.haishan}`, {
      version: current.version,
      localName: "舟山海鲜水产有限公司",
      contacts: [{ name: "陈大海", emails: ["chen@zs-seafood.cn"] }],
    });
    expect(await search("海鲜")).toEqual([ids.haishan]);
    expect(await search("海山水")).toEqual([]);
    expect(await search("陈大海")).toEqual([ids.haishan]);
  });

  it("refuses a one-character search with a clear message", async () => {
    const res = await call(t.app, await t.as("sales2"), "GET", "/api/customers?q=海");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("at least 2 characters");
  });

  it("the nightly job merges the search indexes and searches find the same customers after it", async () => {
    const before = await search("宁波海天");
    for (let i = 0; i < 3; i++)
      await t.customerFor("sales2", { companyName: `Segment Test ${i} Trading`, country: "DE" });
    await t.services.customers.optimizeSearch();
    expect(await search("宁波海天")).toEqual(before);
    expect(await search("segment test")).toHaveLength(3);
    if (engine === "sqlite") {
      const segments = t.database
        .sqlite!.prepare("select count(distinct segid) as n from customer_fts_trigram_idx")
        .get() as { n: number };
      expect(segments.n).toBe(1);
    }
  });

  it("without a chosen sort, search results come newest entry first and page by cursor without repeats", async () => {
    const rep = await t.as("sales3");
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await t.customerFor("sales3", { companyName: `Pagoda Lighting ${i}`, country: "VN" })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/customers?q=pagoda&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = (await call(t.app, rep, "GET", query)).json();
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    // A sort the user picks still applies to a search.
    const byName = (await call(t.app, rep, "GET", "/api/customers?q=pagoda&sort=-companyName")).json();
    expect(byName.items.map((c: { companyName: string }) => c.companyName)[0]).toBe("Pagoda Lighting 4");
  });

  it("the list's search query uses the search indexes, never a full scan of customers", async () => {
    const plans: string[] = [];
    const gm = await t.identity("gm");
    for (const query of ["宁波海天", "宁波", "ni", "acme-industrial"]) {
      const plan = planSearch(query);
      if (plan.kind === "too_short") throw new Error("unexpected");
      const search = { kind: plan.kind, value: t.database.dialect.customerSearchValue(plan) };
      // The very query the list runs, in the search's own order and in a user-picked one.
      for (const sort of ["-searchOrder", "companyName"] as const) {
        const compiled = listPageQuery(
          t.database.db,
          t.database.dialect,
          gm,
          { sort, limit: 50, today: "2026-01-01", search },
          null,
        ).compile();
        if (engine === "sqlite") {
          const rows = t.database
            .sqlite!.prepare(`explain query plan ${compiled.sql}`)
            .all(...compiled.parameters) as { detail: string }[];
          plans.push(`${sort}: ${rows.map((r) => r.detail).join(" | ")}`);
        } else {
          // With a handful of rows PostgreSQL rightly prefers any other index to the search's, so the
          // search condition is checked on its own, with sequential scans forbidden: does the index serve it?
          const condition = t.database.db
            .selectFrom("customers")
            .select("customers.id")
            .where(t.database.dialect.customerSearchCondition(search.kind, search.value))
            .compile();
          const rows = await t.database.db.connection().execute(async (conn) => {
            await sql`set enable_seqscan = off`.execute(conn);
            const explained = await conn.executeQuery<{ "QUERY PLAN": string }>({
              ...condition,
              sql: `explain ${condition.sql}`,
            });
            await sql`set enable_seqscan = on`.execute(conn);
            return explained.rows;
          });
          plans.push(`${sort}: ${rows.map((r) => r["QUERY PLAN"]).join(" | ")}`);
        }
      }
    }
    for (const plan of plans) {
      if (engine === "sqlite") {
        expect(plan).toMatch(/VIRTUAL TABLE INDEX/);
        expect(plan).not.toMatch(/SCAN customers(?! USING)/);
        expect(plan).not.toMatch(/SCAN customer_search/);
        // In the search's own order SQLite walks the matches newest first and stops at a page.
        if (plan.startsWith("-searchOrder")) expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      } else {
        expect(plan).toMatch(/Bitmap Index Scan on customers_search_(trgm|tokens)/);
        expect(plan).not.toMatch(/Seq Scan on customers/);
      }
    }
  });
});
