import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates.ts";
import {
  autoMap,
  detectHeaderRow,
  excelSerialToDate,
  parseCountry,
  parseDate,
  parseDealStatus,
  parseDemand,
  parseEmails,
  parseGrade,
  parsePhone,
  parseSource,
} from "./imports.ts";

describe("header detection and mapping", () => {
  it("finds the header below a company title and an export date", () => {
    const rows = [
      ["宁波海天贸易有限公司 外贸工作客户管理表", null, null, null],
      ["导出日期：2024-03-05", null, null, null],
      [null, null, null, null],
      ["序号", "客户名称", "国家", "联系人", "邮箱", "电话", "业务员", "等级", "下次跟进", "备注"],
      [
        1,
        "ACME Trading",
        "美国",
        "John",
        "john@acme.com",
        "+1 212 555 0100",
        "张伟",
        "A",
        "2024-03-10",
        "大客户",
      ],
    ];
    expect(detectHeaderRow(rows)).toBe(3);
  });

  it("maps Chinese and English headers, and the layouts of CRM exports", () => {
    expect(
      autoMap(["序号", "客户名称", "国家", "联系人", "邮箱", "电话", "业务员", "等级", "下次跟进", "备注"]),
    ).toEqual([
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
    ]);
    // HubSpot companies: "Name" is the company.
    expect(autoMap(["Name", "Company domain name", "Phone Number", "City"])).toEqual([
      "companyName",
      "website",
      "contactPhone",
      "city",
    ]);
    // HubSpot contacts: names split, company associated.
    expect(
      autoMap([
        "Record ID",
        "First name",
        "Last name",
        "Email",
        "Job title",
        "Phone number",
        "Mobile phone number",
        "Contact owner",
        "Associated company",
      ]),
    ).toEqual([
      null,
      "contactFirstName",
      "contactLastName",
      "contactEmail",
      "contactTitle",
      "contactPhone",
      "contactMobile",
      "owner",
      "companyName",
    ]);
    // Salesforce accounts.
    expect(
      autoMap([
        "Id",
        "Name",
        "Website",
        "Industry",
        "Phone",
        "BillingStreet",
        "BillingCity",
        "BillingCountry",
        "OwnerId",
      ]),
    ).toEqual([
      null,
      "companyName",
      "website",
      "industry",
      "contactPhone",
      "address",
      "city",
      "country",
      "owner",
    ]);
    // Odoo's lead template: "Name" is the opportunity when a company column exists.
    const odoo = autoMap([
      "External ID",
      "Name",
      "Company Name",
      "Contact Name",
      "Email",
      "Job Position",
      "Phone",
      "Mobile",
      "Street",
      "City",
      "Country",
      "Website",
      "Notes",
    ]);
    expect(odoo[2]).toBe("companyName");
    expect(odoo[3]).toBe("contactName");
    expect(odoo[1]).toBeNull();
    // Pipedrive and Zoho.
    expect(autoMap(["Organization - Name", "Person - Name", "Person - Email", "Person - Phone"])).toEqual([
      "companyName",
      "contactName",
      "contactEmail",
      "contactPhone",
    ]);
    expect(autoMap(["Account Name", "Account Owner", "Billing Country", "Rating"])).toEqual([
      "companyName",
      "owner",
      "country",
      "grade",
    ]);
  });

  it("gives each field to one column only", () => {
    expect(autoMap(["公司名称", "客户名称"])).toEqual(["companyName", null]);
  });
});

describe("values", () => {
  it("reads Excel serial dates in the 1900 and the 1904 system", () => {
    expect(excelSerialToDate(45356)).toBe("2024-03-05");
    expect(excelSerialToDate(1)).toBe("1900-01-01");
    expect(excelSerialToDate(61)).toBe("1900-03-01");
    expect(excelSerialToDate(43894, true)).toBe("2024-03-05");
  });

  it("reads dates in the forms people write them", () => {
    for (const text of [
      "2024-03-05",
      "2024/3/5",
      "2024年3月5日",
      "05.03.2024",
      "Mar 5 2024",
      "March 5, 2024",
      "5 Mar 2024",
      "2024-03-05T10:00:00Z",
      "2024-03-05 15:24:31 UTC",
      "45356",
    ]) {
      expect(parseDate(text).value, text).toBe("2024-03-05");
    }
    expect(parseDate("31/12/2024").value).toBe("2024-12-31");
    expect(parseDate("12/31/2024").value).toBe("2024-12-31");
    expect(parseDate("03/05/2024")).toMatchObject({
      value: null,
      problem: expect.stringContaining("day/month"),
    });
    expect(parseDate("2024-02-30").problem).toContain("not a real date");
    expect(parseDate("next Tuesday").problem).toContain("not a date");
    expect(parseDate("")).toEqual({ value: null, problem: null });
  });

  it("1900 serial dates and ISO text agree for every day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 80_000 }), (serial) => {
        const date = excelSerialToDate(serial)!;
        expect(excelSerialToDate(serial + 1)).toBe(addDays(date, 1));
        expect(parseDate(date).value).toBe(date);
      }),
    );
  });

  it("reads countries in Chinese or English or as codes, and suggests one for a typo", () => {
    expect(parseCountry("美国").value).toBe("US");
    expect(parseCountry("Germany").value).toBe("DE");
    expect(parseCountry("DEU").value).toBe("DE");
    expect(parseCountry("de").value).toBe("DE");
    const typo = parseCountry("Germnay");
    expect(typo.value).toBeNull();
    expect(typo.problem).toContain("unknown country");
    expect(typo.suggestion).toBe("Germany (DE)");
  });

  it("reads grades and classification values in Chinese or English", () => {
    expect(parseGrade("A级").value).toBe("A");
    expect(parseGrade("b").value).toBe("B");
    expect(parseGrade("F").problem).toContain("unknown grade");
    expect(parseDealStatus("已成交").value).toBe("closed");
    expect(parseDealStatus("Opportunity").value).toBe("negotiating");
    expect(parseDemand("死亡客户").value).toBe("dead");
    expect(parseSource("广交会").value).toBe("trade_show");
    expect(parseSource("Alibaba").value).toBe("b2b_platform");
  });

  it("writes phones in international form using the customer's country", () => {
    expect(parsePhone("0574-8765 4321", "CN").value).toBe("+86 574 8765 4321");
    expect(parsePhone("030 1234567", "DE").value).toBe("+49 30 1234567");
    expect(parsePhone("0049 30 1234567", null).value).toBe("+49 30 1234567");
    expect(parsePhone("+1 416-555-0101", "CN").value).toBe("+1 416 555 0101");
    expect(parsePhone("12", "US").problem).toContain("cannot be read");
  });

  it("reads one or more e-mails and names the bad one", () => {
    expect(parseEmails("A@Acme.com; b@acme.com").value).toEqual(["a@acme.com", "b@acme.com"]);
    expect(parseEmails("john at acme").problem).toContain("is not an e-mail");
  });
});
