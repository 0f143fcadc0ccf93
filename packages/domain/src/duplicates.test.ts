import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { duplicateKeys, emailDomain, normalizeCompanyName, phoneDigits, websiteHost } from "./duplicates.ts";

describe("duplicate keys (R-CUST-5)", () => {
  it("R-CUST-5: company names match across case, width, punctuation and legal suffixes", () => {
    const same = [
      "ACME Trading Co., Ltd.",
      "Acme Trading Limited",
      "acme trading ltd",
      "ＡＣＭＥ　Ｔｒａｄｉｎｇ　Ｃｏ．，Ｌｔｄ．",
      "ACME TRADING LLC",
      "Acme Trading Inc.",
      "Acme Trading GmbH",
      "Acme Trading S.A.",
      "Acme Trading S.r.l.",
      "The Acme Trading Company",
    ];
    for (const name of same) expect(normalizeCompanyName(name), name).toBe("acme trading");
    expect(normalizeCompanyName("宁波海天贸易有限公司")).toBe("宁波海天贸易");
    expect(normalizeCompanyName("宁波海天贸易股份有限公司")).toBe("宁波海天贸易");
    expect(normalizeCompanyName("Acme Trading")).not.toBe(normalizeCompanyName("Acme Textiles"));
  });

  it("R-CUST-5: a name made only of a legal word stays itself", () => {
    expect(normalizeCompanyName("Limited")).toBe("limited");
  });

  it("R-CUST-5: normalising twice changes nothing", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const once = normalizeCompanyName(name);
        expect(normalizeCompanyName(once)).toBe(once);
      }),
    );
  });

  it("R-CUST-5: e-mail domains count, free mail does not", () => {
    expect(emailDomain("John.Smith@ACME-Trading.com")).toBe("acme-trading.com");
    expect(emailDomain("buyer@gmail.com")).toBeNull();
    expect(emailDomain("li@qq.com")).toBeNull();
    expect(emailDomain("li@163.com")).toBeNull();
    expect(emailDomain("sales@outlook.com")).toBeNull();
    expect(emailDomain("not-an-email")).toBeNull();
  });

  it("R-CUST-5: phones match by their digits", () => {
    expect(phoneDigits("+86 574-8765 4321")).toBe("8657487654321");
    expect(phoneDigits("0086 (574) 87654321")).toBe("8657487654321");
    expect(phoneDigits("＋８６ ５７４ ８７６５ ４３２１")).toBe("8657487654321");
    expect(phoneDigits("123")).toBeNull();
  });

  it("R-CUST-5: websites match by host", () => {
    expect(websiteHost("https://www.Acme.com/en/")).toBe("acme.com");
    expect(websiteHost("acme.com")).toBe("acme.com");
    expect(websiteHost("http://www2.acme.com")).toBe("acme.com");
    expect(websiteHost("not a site")).toBeNull();
  });

  it("R-CUST-5: a customer's keys cover its names, website, e-mail domains and phones, once each", () => {
    const keys = duplicateKeys({
      companyName: "ACME Trading Co., Ltd.",
      localName: "艾克米贸易有限公司",
      website: "www.acme.com",
      emails: ["a@acme.com", "b@acme.com", "c@gmail.com"],
      phones: ["+1 212 555 0100"],
    });
    expect(keys).toEqual([
      { kind: "name", value: "acme trading" },
      { kind: "name", value: "艾克米贸易" },
      { kind: "website", value: "acme.com" },
      { kind: "email_domain", value: "acme.com" },
      { kind: "phone", value: "12125550100" },
    ]);
  });
});
