import XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Row, upload, workbookBytes } from "../../test/files.ts";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";
import { call } from "../../test/http.ts";

const HEADER = [
  "序号",
  "客户名称",
  "国家",
  "联系人",
  "邮箱",
  "电话",
  "业务员",
  "等级",
  "下次跟进",
  "备注",
  "QQ",
];

function customerSheet(rows: Row[]): Row[] {
  return [
    ["宁波海天贸易有限公司 外贸工作客户管理表", null, null],
    ["导出日期：2024-03-05"],
    [],
    HEADER,
    ...rows,
  ];
}

describe(`customer import (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await t.customerFor("sales2", { companyName: "Existing Importer GmbH", country: "DE" });
  });
  afterAll(() => t.close());

  const rows: Row[] = [
    [
      1,
      "Ningbo Alpha Trading Co., Ltd.",
      "美国",
      "John Smith",
      "john@alpha-trading.com",
      "+1 212 555 0100",
      "陈静",
      "A",
      new Date("2026-03-10T00:00:00Z"),
      "大客户",
      "12345",
    ],
    [
      2,
      "Hamburg Beta Handel GmbH",
      "德国",
      "Anna Weber",
      "anna@beta-handel.de",
      "040 1234567",
      "sales2@demo.test",
      "b",
      "2026/3/12",
      "",
      null,
    ],
    [3, "Bad Mail Ltd", "英国", "X", "not-an-email", null, "陈静", "C", null, null, null],
    [4, "Unknown Country Ltd", "Germnay", "Y", "y@unknown-country.com", null, "陈静", "C", null, null, null],
    [5, "Existing Importer GmbH", "德国", "Z", null, null, "陈静", "D", null, null, null],
    [
      6,
      "东京 株式会社ガンマ",
      "日本",
      "佐藤",
      "sato@gamma.co.jp",
      "03-1234-5678",
      "",
      "C",
      "2026年4月1日",
      "日本客户",
      null,
    ],
  ];

  it("reads an .xls with a title above a Chinese header, maps it, and previews problems and duplicates before writing anything", async () => {
    const rep = await t.as("sales2");
    const res = await upload(t.app, rep, "客户管理表.xls", workbookBytes(customerSheet(rows), "xls"));
    expect(res.statusCode, res.body).toBe(201);
    const preview = res.json();
    expect(preview.format).toBe("xls");
    expect(preview.settings.headerRow).toBe(3);
    expect(preview.settings.mapping).toEqual([
      null,
      "companyName",
      "country",
      "contactName",
      "contactEmail",
      "contactPhone",
      "owner",
      "grade",
      "nextActionDate",
      "notes",
      null,
    ]);
    expect(preview.counts).toEqual({ create: 3, update: 0, skip: 1, reject: 2 });
    const problems = preview.problems.map((p: { row: number; reasons: string[] }) => [
      p.row,
      p.reasons.join(" "),
    ]);
    expect(problems[0][0]).toBe(7);
    expect(problems[0][1]).toContain("not-an-email");
    expect(problems[1][1]).toContain("Germany (DE)");
    expect(preview.duplicates).toEqual([
      {
        row: 9,
        companyName: "Existing Importer GmbH",
        existing: expect.objectContaining({ ownerName: "陈静" }),
        sameAsRow: null,
      },
    ]);
    const sample = preview.sample.find(
      (s: { companyName: string }) => s.companyName === "Hamburg Beta Handel GmbH",
    );
    expect(sample).toMatchObject({
      country: "DE",
      phone: "+49 40 1234567",
      grade: "B",
      nextActionDate: "2026-03-12",
      ownerName: "陈静",
    });
    const count = await t.database.db
      .selectFrom("customers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("companyName", "like", "%Alpha%")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("imports with a corrected mapping, skipping duplicates; the result, the rejected rows and the history", async () => {
    const rep = await t.as("sales2");
    const preview = (
      await upload(t.app, rep, "客户管理表.xls", workbookBytes(customerSheet(rows), "xls"))
    ).json();
    const mapping = [...preview.settings.mapping];
    mapping[10] = "wechat";
    const corrected = (
      await call(t.app, rep, "POST", `/api/imports/${preview.id}/preview`, { ...preview.settings, mapping })
    ).json();
    expect(corrected.settings.mapping[10]).toBe("wechat");
    const started = await call(t.app, rep, "POST", `/api/imports/${preview.id}/start`, {
      ...corrected.settings,
      duplicates: "skip",
    });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json().status).toBe("queued");
    await t.runJobs();
    const done = (await call(t.app, rep, "GET", `/api/imports/${preview.id}`)).json();
    expect(done).toMatchObject({
      status: "done",
      createdCount: 3,
      updatedCount: 0,
      skippedCount: 1,
      rejectedCount: 2,
    });

    const listed = (await call(t.app, rep, "GET", "/api/customers?q=Alpha Trading")).json().items;
    expect(listed).toHaveLength(1);
    const alpha = (await call(t.app, rep, "GET", `/api/customers/${listed[0].id}`)).json();
    // The sheet's grade A differs from the suggestion for a latent need (D): kept, as an override.
    expect(alpha).toMatchObject({
      country: "US",
      grade: "A",
      suggestedGrade: "D",
      gradeOverridden: true,
      nextActionDate: "2026-03-10",
      notes: "大客户",
      ownerId: t.userId("sales2"),
    });
    expect(alpha.contacts[0]).toMatchObject({
      name: "John Smith",
      emails: ["john@alpha-trading.com"],
      phones: ["+1 212 555 0100"],
      wechat: "12345",
    });
    const japanese = (await call(t.app, rep, "GET", "/api/customers?q=ガンマ")).json().items[0];
    expect(japanese.ownerId).toBe(t.userId("sales2"));
    // The import writes its customers' search entries itself (in bulk): every kind of search finds
    // them, by a two-character word prefix and by a contact's e-mail too.
    const byPrefix = (await call(t.app, rep, "GET", "/api/customers?q=al")).json().items;
    expect(byPrefix.map((c: { id: string }) => c.id)).toContain(alpha.id);
    const byEmail = (await call(t.app, rep, "GET", "/api/customers?q=john@alpha-trading.com")).json().items;
    expect(byEmail.map((c: { id: string }) => c.id)).toEqual([alpha.id]);

    const rejected = await call(t.app, rep, "GET", `/api/imports/${preview.id}/rejected`);
    expect(rejected.statusCode).toBe(200);
    const book = XLSX.read(rejected.rawPayload, { type: "buffer" });
    const sheet = XLSX.utils.sheet_to_json<Row>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    // In the downloading rep's language (the demo reps use Chinese), headers and reasons alike.
    expect(book.SheetNames[0]).toBe("未导入的行");
    expect(sheet[0]).toEqual(["行号", ...HEADER, "原因"]);
    expect(sheet).toHaveLength(3);
    expect(String(sheet[1]!.at(-1))).toContain("“not-an-email”不是有效的邮箱地址");

    const history = (await call(t.app, rep, "GET", "/api/imports")).json().items;
    expect(history[0]).toMatchObject({
      id: preview.id,
      fileName: "客户管理表.xls",
      createdByName: "陈静",
      status: "done",
    });
    const audit = await t.database.db
      .selectFrom("auditLog")
      .select("action")
      .where("entityId", "=", preview.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["import.started", "import.completed"]),
    );

    // Importing the same file again changes nothing: every row now matches.
    const again = (
      await upload(t.app, rep, "客户管理表.xls", workbookBytes(customerSheet(rows), "xls"))
    ).json();
    expect(again.counts).toMatchObject({ create: 0, skip: 4, reject: 2 });
  });

  it("is all or nothing: a cancelled or interrupted import leaves no customer behind, and a re-run gives one clean result", async () => {
    const rep = await t.as("sales2");
    const many: Row[] = Array.from({ length: 1200 }, (_, i) => [
      i + 1,
      `Bulk Importer ${i} Ltd`,
      "FR",
      `Contact ${i}`,
      `c${i}@bulk${i}.fr`,
      null,
      "陈静",
      "C",
      null,
      null,
      null,
    ]);
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom("customers")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("companyName", "like", "Bulk Importer %")
            .executeTakeFirstOrThrow()
        ).n,
      );

    const first = (await upload(t.app, rep, "bulk.xlsx", workbookBytes(customerSheet(many), "xlsx"))).json();
    await call(t.app, rep, "POST", `/api/imports/${first.id}/start`, first.settings);
    await t.database.db
      .updateTable("imports")
      .set({ cancelRequested: 1 })
      .where("id", "=", first.id)
      .execute();
    await t.runJobs();
    expect((await call(t.app, rep, "GET", `/api/imports/${first.id}`)).json().status).toBe("cancelled");
    expect(await count()).toBe(0);

    // A crash after one batch: the written rows stay invisible, and the next attempt starts clean.
    const second = (await upload(t.app, rep, "bulk.xlsx", workbookBytes(customerSheet(many), "xlsx"))).json();
    await call(t.app, rep, "POST", `/api/imports/${second.id}/start`, second.settings);
    const sample = await t.customerFor("sales2", { companyName: "Half Written Ltd" });
    await t.database.db
      .updateTable("customers")
      .set({ importId: second.id, companyName: "Bulk Importer 0 Ltd" })
      .where("id", "=", sample.id)
      .execute();
    await t.database.db
      .updateTable("imports")
      .set({ status: "running" })
      .where("id", "=", second.id)
      .execute();
    expect((await call(t.app, rep, "GET", "/api/customers?q=Bulk Importer")).json().items).toEqual([]);
    await t.services.imports.run(second.id);
    expect((await call(t.app, rep, "GET", `/api/imports/${second.id}`)).json()).toMatchObject({
      status: "done",
      createdCount: 1200,
    });
    expect(await count()).toBe(1200);
    await t.services.imports.run(second.id);
    expect(await count()).toBe(1200);
  });

  it("R-CUST-5: the run checks the database again: a customer saved after the preview is a duplicate, one renamed since is not", async () => {
    const rep = await t.as("sales2");
    const renamedLater = await t.customerFor("sales2", {
      companyName: "Renamed Later Trading Ltd",
      country: "DE",
    });
    const sheet: Row[] = [
      ["公司名称", "国家"],
      ["Renamed Later Trading Ltd", "DE"],
      ["Arrived Later Trading Ltd", "DE"],
      ["Plain New Trading Ltd", "DE"],
    ];
    const preview = (await upload(t.app, rep, "recheck.xlsx", workbookBytes(sheet, "xlsx"))).json();
    expect(preview.counts).toMatchObject({ create: 2, skip: 1 });
    expect(preview.duplicates[0].existing.id).toBe(renamedLater.id);

    // Between the preview and the start: one match renamed away, one new customer that matches.
    const current = (await call(t.app, rep, "GET", `/api/customers/${renamedLater.id}`)).json();
    const renamed = await call(t.app, rep, "PATCH", `/api/customers/${renamedLater.id}`, {
      version: current.version,
      companyName: "Quite Another Name GmbH",
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const arrived = await t.customerFor("sales2", {
      companyName: "Arrived Later Trading Ltd",
      country: "DE",
    });

    await call(t.app, rep, "POST", `/api/imports/${preview.id}/start`, {
      ...preview.settings,
      duplicates: "skip",
    });
    await t.runJobs();
    expect((await call(t.app, rep, "GET", `/api/imports/${preview.id}`)).json()).toMatchObject({
      status: "done",
      createdCount: 2,
      skippedCount: 1,
    });
    const named = async (q: string) =>
      (await call(t.app, rep, "GET", `/api/customers?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await named("Arrived Later Trading")).toEqual([arrived.id]);
    expect(await named("Renamed Later Trading")).toHaveLength(1);
    expect(await named("Plain New Trading")).toHaveLength(1);
  });

  it("updates the mapped fields of existing customers when asked, and undo removes only untouched new customers", async () => {
    const rep = await t.as("sales2");
    const sheet: Row[] = [
      ["公司名称", "国家", "客户等级"],
      ["Existing Importer GmbH", "DE", "A"],
      ["Fresh Undo One Ltd", "IT", "B"],
      ["Fresh Undo Two Ltd", "IT", "B"],
    ];
    const preview = (await upload(t.app, rep, "update.xlsx", workbookBytes(sheet, "xlsx"))).json();
    await call(t.app, rep, "POST", `/api/imports/${preview.id}/start`, {
      ...preview.settings,
      duplicates: "update",
    });
    await t.runJobs();
    expect((await call(t.app, rep, "GET", `/api/imports/${preview.id}`)).json()).toMatchObject({
      status: "done",
      createdCount: 2,
      updatedCount: 1,
    });
    const existing = (await call(t.app, rep, "GET", "/api/customers?q=Existing Importer")).json().items[0];
    expect(existing.grade).toBe("A");
    const two = (await call(t.app, rep, "GET", "/api/customers?q=Fresh Undo Two")).json().items[0];
    await call(t.app, rep, "PATCH", `/api/customers/${two.id}`, {
      version: two.version,
      industry: "Changed since",
    });
    const undone = await call(t.app, rep, "POST", `/api/imports/${preview.id}/undo`);
    expect(undone.json()).toEqual({ removed: 1, kept: [{ id: two.id, companyName: "Fresh Undo Two Ltd" }] });
    expect((await call(t.app, rep, "GET", "/api/customers?q=Fresh Undo One")).json().items).toEqual([]);
  });

  it("reads CSV in GBK, UTF-16 and UTF-8 with a byte-order mark, and lets the user choose the encoding", async () => {
    const rep = await t.as("sales2");
    const text = "公司名称,国家,联系人\n杭州西湖丝绸有限公司,中国,王小明\n";
    const gbk = iconv.encode(text, "gbk");
    const preview = (await upload(t.app, rep, "gbk.csv", new Uint8Array(gbk))).json();
    expect(preview.encoding).toBe("gb18030");
    expect(preview.sample[0]).toMatchObject({
      companyName: "杭州西湖丝绸有限公司",
      country: "CN",
      contact: "王小明",
    });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
    expect((await upload(t.app, rep, "utf16.csv", new Uint8Array(utf16))).json().sample[0].companyName).toBe(
      "杭州西湖丝绸有限公司",
    );
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const utf8 = (await upload(t.app, rep, "bom.csv", new Uint8Array(bom))).json();
    expect(utf8.encoding).toBe("utf-8");
    expect(utf8.settings.mapping[0]).toBe("companyName");
    const forced = (
      await call(t.app, rep, "POST", `/api/imports/${preview.id}/preview`, { encoding: "utf-8" })
    ).json();
    expect(forced.settings.encoding).toBe("utf-8");
    expect(forced.sample[0]?.companyName ?? "").not.toBe("杭州西湖丝绸有限公司");
  });

  it("reads 1904-system dates, formulas as their cached values, and lets the user pick a sheet (hidden sheets named)", async () => {
    const rep = await t.as("sales2");
    const bytes = workbookBytes(
      [
        ["Company", "Country", "Next follow-up"],
        ["Dates From Mac Ltd", "AU", new Date("2026-05-04T00:00:00Z")],
      ],
      "xlsx",
      {
        date1904: true,
        extraSheets: [
          {
            name: "Archive",
            rows: [
              ["Company", "Country"],
              ["Archived Pty", "AU"],
            ],
            hidden: true,
          },
        ],
      },
    );
    const preview = (await upload(t.app, rep, "mac.xlsx", bytes)).json();
    expect(preview.sample[0]).toMatchObject({
      companyName: "Dates From Mac Ltd",
      nextActionDate: "2026-05-04",
    });
    expect(preview.sheets.map((s: { name: string; hidden: boolean }) => [s.name, s.hidden])).toEqual([
      ["客户", false],
      ["Archive", true],
    ]);
    const archive = (
      await call(t.app, rep, "POST", `/api/imports/${preview.id}/preview`, { sheet: 1 })
    ).json();
    expect(archive.sample[0].companyName).toBe("Archived Pty");

    const sheet = XLSX.utils.aoa_to_sheet([
      ["Company", "Country"],
      ["Formula Co", "NL"],
    ]);
    sheet.B2 = { t: "s", v: "NL", f: 'IF(TRUE,"NL","XX")' };
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, "S");
    const formula = (
      await upload(
        t.app,
        rep,
        "formula.xlsx",
        new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx" }) as ArrayBuffer),
      )
    ).json();
    expect(formula.sample[0]).toMatchObject({ companyName: "Formula Co", country: "NL" });
  });
});

describe(`customer import mapped on two threads (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    // Every file counts as big here, so the mapper worker takes the second half of the rows.
    t = await createTestContext({ imports: { parallelMappingFrom: 2 } });
    await t.customerFor("sales2", { companyName: "Existing Importer GmbH", country: "DE" });
  });
  afterAll(() => t.close());

  it("R-CUST-5: gives the preview one thread gives, duplicates across the two halves included", async () => {
    const rep = await t.as("sales2");
    const sheet: Row[] = [
      ["宁波海天贸易有限公司 外贸工作客户管理表"],
      ["导出日期：2024-03-05"],
      [],
      ["客户名称", "国家", "邮箱", "电话", "等级"],
      ["Ningbo Alpha Trading Co., Ltd.", "美国", "john@alpha-trading.com", "+1 212 555 0100", "A"],
      ["Hamburg Beta Handel GmbH", "德国", "anna@beta-handel.de", "040 1234567", "b"],
      ["Bad Mail Ltd", "英国", "not-an-email", null, "C"],
      ["Unknown Country Ltd", "Germnay", "y@unknown-country.com", null, "C"],
      ["Existing Importer GmbH", "德国", null, null, "D"],
      ["东京 株式会社ガンマ", "日本", "sato@gamma.co.jp", "03-1234-5678", "C"],
      ["Alpha Trading Again Inc.", "US", "sales@alpha-trading.com", null, "B"],
    ];
    const res = await upload(t.app, rep, "two-threads.xlsx", workbookBytes(sheet, "xlsx"));
    expect(res.statusCode, res.body).toBe(201);
    const preview = res.json();
    expect(preview.counts).toEqual({ create: 3, update: 0, skip: 2, reject: 2 });
    expect(preview.problems.map((p: { row: number }) => p.row)).toEqual([7, 8]);
    expect(preview.duplicates).toEqual([
      {
        row: 9,
        companyName: "Existing Importer GmbH",
        existing: expect.objectContaining({ ownerName: "陈静" }),
        sameAsRow: null,
      },
      // Row 11 shares row 5's e-mail domain; the rows were mapped on different threads.
      { row: 11, companyName: "Alpha Trading Again Inc.", existing: null, sameAsRow: 5 },
    ]);
    expect(preview.sample.map((s: { row: number; phone: string | null }) => [s.row, s.phone])).toEqual([
      [5, "+1 212 555 0100"],
      [6, "+49 40 1234567"],
      [9, null],
      [10, "+81 3 1234 5678"],
      [11, null],
    ]);
  });
});
