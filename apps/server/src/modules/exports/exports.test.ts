import XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upload } from "../../test/files.ts";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

async function exportAs(t: TestContext, key: "head" | "gm" | "sales1", body: Record<string, unknown>) {
  const caller = await t.as(key);
  const requested = await call(t.app, caller, "POST", "/api/exports", body);
  expect(requested.statusCode, requested.body).toBe(202);
  await t.runJobs();
  const status = (await call(t.app, caller, "GET", `/api/exports/${requested.json().id}`)).json();
  expect(status.status, status.error).toBe("done");
  const file = await call(t.app, caller, "GET", `/api/exports/${requested.json().id}/file`);
  expect(file.statusCode).toBe(200);
  return { status, bytes: file.rawPayload };
}

describe(`customer export (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ exportsPerHour: 3 });
    await t.customerFor("sales1", {
      companyName: '=HYPERLINK("http://evil.example","Click")',
      localName: "恶意公式公司",
      country: "DE",
      notes: "+SUM(A1:A9)",
      tags: ["-danger", "@mention"],
    });
    await t.customerFor("sales1", {
      companyName: "宁波海天贸易有限公司",
      localName: "宁波海天",
      country: "CN",
      address: "宁波市江北区 1 号",
      website: "www.haitian.cn",
      industry: "五金",
      source: "trade_show",
      tags: ["广交会", "oem"],
      creditLimit: { minor: 12_345_678, currency: "USD" },
      creditStatus: "watch",
      notes: "喜欢早上联系",
      keyAccount: true,
      dealStatus: "negotiating",
      importance: "A",
      demand: "target",
      grade: "B",
      expectedCloseDate: "2026-09-30",
      nextActionDate: "2026-07-01",
      nextAction: "寄样品",
      contacts: [
        {
          name: "王伟",
          title: "采购经理",
          emails: ["wang@haitian.cn", "wei@haitian.cn"],
          phones: ["+86 574 8765 4321", "+86 138 1234 5678"],
          whatsapp: "+86 138 1234 5678",
          wechat: "wangwei_nb",
          skype: "wang.skype",
          linkedin: "linkedin.com/in/wangwei",
          primary: true,
        },
        { name: "李娜", title: "跟单", emails: ["li@haitian.cn"], phones: [], primary: false },
      ] as never,
    });
    await t.customerFor("sales3", { companyName: "Other Team Customer Ltd", country: "FR" });
  });
  afterAll(() => t.close());

  it("R-CUST-3: exporting needs its own permission, and every export is audited", async () => {
    const rep = await t.as("sales2");
    expect((await call(t.app, rep, "POST", "/api/exports", {})).statusCode).toBe(403);
    const { status } = await exportAs(t, "head", {});
    const entries = await t.database.db
      .selectFrom("auditLog")
      .select(["action", "changes"])
      .where("entityId", "=", status.id)
      .execute();
    expect(entries.map((e) => e.action)).toEqual(["customer.export_requested", "customer.exported"]);
    expect(entries[1]!.changes).toContain('"rows"');
  });

  it("writes text as text so no formula runs, freezes the header, sets widths, dates as dates and money with its currency", async () => {
    const { bytes } = await exportAs(t, "gm", { filters: { sort: "companyName" }, locale: "zh-CN" });
    const book = XLSX.read(bytes, { type: "buffer", cellFormula: true, cellDates: true });
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    const cells = Object.entries(sheet).filter(([key]) => !key.startsWith("!"));
    expect(cells.some(([, cell]) => (cell as XLSX.CellObject).f)).toBe(false);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    const evil = rows.find((r) => String(r.公司名称).startsWith("=HYPERLINK"))!;
    expect(evil.备注).toBe("+SUM(A1:A9)");
    expect(evil.标签).toBe("-danger, @mention");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const first = workbook.worksheets[0]!;
    expect(first.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(first.getColumn(1).width).toBeGreaterThan(20);
    const header = first.getRow(1).values as unknown[];
    const column = (name: string) => header.indexOf(name);
    const haitian = first
      .getRows(2, first.rowCount - 1)!
      .find((row) => row.getCell(column("公司名称")).value === "宁波海天贸易有限公司")!;
    expect(haitian.getCell(column("下次跟进日期")).value).toBeInstanceOf(Date);
    expect(haitian.getCell(column("信用额度")).value).toBe(123456.78);
    expect(haitian.getCell(column("币种")).value).toBe("USD");
    expect(haitian.getCell(column("成交状态")).value).toBe("正在谈判");
    expect(haitian.getCell(column("国家")).value).toBe("中国");
  });

  it("R-ORG-4: a lead exports only its scope; the list's filters and chosen columns apply; all contacts go to a second sheet", async () => {
    const { bytes } = await exportAs(t, "sales1", {
      filters: { country: ["CN"] },
      columns: ["companyName", "owner"],
      contacts: "all",
      locale: "en-US",
    });
    const book = XLSX.read(bytes, { type: "buffer" });
    expect(book.SheetNames).toEqual(["Customers", "Contacts"]);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Customers!);
    expect(rows).toEqual([{ "Company name": "宁波海天贸易有限公司", Owner: "张伟" }]);
    const contacts = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Contacts!);
    expect(contacts.map((c) => c.Contact)).toEqual(["王伟", "李娜"]);
    const all = await exportAs(t, "sales1", { columns: ["companyName"] });
    const names = XLSX.utils
      .sheet_to_json<Record<string, unknown>>(XLSX.read(all.bytes, { type: "buffer" }).Sheets.客户!)
      .map((r) => r.公司名称);
    expect(names).toContain("Other Team Customer Ltd");
    const head = await exportAs(t, "head", { columns: ["companyName"] });
    expect(XLSX.utils.sheet_to_json(XLSX.read(head.bytes, { type: "buffer" }).Sheets.客户!)).toHaveLength(3);
  });

  it("exports are rate-limited per user", async () => {
    const gm = await t.as("gm");
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(t.app, gm, "POST", "/api/exports", {})).statusCode);
    expect(statuses).toContain(429);
  });

  it("an export imports back into an empty database with every mapped value equal", async () => {
    const { bytes } = await exportAs(t, "head", { locale: "zh-CN" });
    const target = await createTestContext();
    try {
      const admin = await target.as("admin");
      const preview = (await upload(target.app, admin, "export.xlsx", new Uint8Array(bytes))).json();
      expect(preview.counts).toEqual({ create: 3, update: 0, skip: 0, reject: 0 });
      await call(target.app, admin, "POST", `/api/imports/${preview.id}/start`, {
        ...preview.settings,
        duplicates: "create",
      });
      await target.runJobs();
      const source = await t.services.customers.list(await t.identity("gm"), {
        limit: 50,
        sort: "companyName",
      });
      const copied = await target.services.customers.list(await target.identity("gm"), {
        limit: 50,
        sort: "companyName",
      });
      expect(copied.items).toHaveLength(3);
      const fields = [
        "companyName",
        "localName",
        "country",
        "website",
        "industry",
        "source",
        "tags",
        "keyAccount",
        "dealStatus",
        "importance",
        "demand",
        "grade",
        "gradeOverridden",
        "expectedCloseDate",
        "nextActionDate",
        "nextAction",
        "creditLimit",
        "creditStatus",
        "ownerName",
      ] as const;
      for (const original of source.items) {
        const copy = copied.items.find((c) => c.companyName === original.companyName)!;
        expect(copy, original.companyName).toBeDefined();
        for (const field of fields)
          expect(copy[field], `${original.companyName}.${field}`).toEqual(original[field]);
        const [a, b] = await Promise.all([
          t.services.customers.get(await t.identity("gm"), original.id),
          target.services.customers.get(await target.identity("gm"), copy.id),
        ]);
        expect(b.address).toBe(a.address);
        expect(b.notes).toBe(a.notes);
        const primary = (c: typeof a) => {
          const p = c.contacts.find((x) => x.primary);
          return p ? { ...p, id: "" } : null;
        };
        expect(primary(b)).toEqual(primary(a));
      }
    } finally {
      await target.close();
    }
  });
});
