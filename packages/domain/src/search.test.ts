import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldForSearch, planSearch, searchText, searchTokens } from "./search.ts";

const customer = {
  companyName: "ACME Trading Co., Ltd.",
  localName: "宁波海天贸易有限公司",
  website: "www.acme.com",
  contacts: [{ name: "Hans Müller", emails: ["hans@acme.de"], phones: ["+49 30 1234567"] }],
};

describe("customer search", () => {
  it("folds case and full-width characters", () => {
    expect(foldForSearch("ＡＣＭＥ  Trading")).toBe("acme trading");
  });

  it("indexes names, contacts, e-mails and phone digits", () => {
    const text = searchText(customer);
    for (const part of [
      "acme trading",
      "宁波海天",
      "hans müller",
      "hans@acme.de",
      "49301234567",
      "www.acme.com",
    ]) {
      expect(text).toContain(part);
    }
  });

  it("every substring of 3+ characters of a name is found in the search text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 3, max: 8 }), (start, length) => {
        const name = foldForSearch(customer.companyName);
        const piece = name.slice(start, start + length);
        if ([...foldForSearch(piece)].length < 3) return;
        const plan = planSearch(piece);
        expect(plan.kind).toBe("substring");
        if (plan.kind === "substring") expect(searchText(customer)).toContain(plan.text);
      }),
    );
  });

  it("every 2-character Chinese fragment and every 2-letter word prefix is a token", () => {
    const tokens = searchTokens(customer).split(" ");
    for (const pair of ["宁波", "波海", "海天", "贸易", "公司"]) expect(tokens).toContain(pair);
    expect(tokens).toContain("acme");
    expect(planSearch("宁波")).toEqual({ kind: "token", token: "宁波", prefix: false });
    expect(planSearch("Ac")).toEqual({ kind: "token", token: "ac", prefix: true });
    expect(tokens.some((t) => t.startsWith("ac"))).toBe(true);
  });

  it("searches a phone number by its digits and refuses a single character", () => {
    expect(planSearch("+49 30 123")).toEqual({ kind: "substring", text: "4930123" });
    expect(planSearch("a")).toEqual({ kind: "too_short" });
  });
});
