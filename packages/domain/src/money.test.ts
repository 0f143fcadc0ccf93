import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyDigits, formatAmount, isCurrencyCode, parseAmount } from "./money.ts";

describe("money (R-FX-1)", () => {
  it("R-FX-1: amounts are integers in the currency's minor unit", () => {
    expect(parseAmount("12,345.6", "USD")).toBe(1_234_560);
    expect(parseAmount("1000", "JPY")).toBe(1000);
    expect(parseAmount("1.5", "JPY")).toBeNull();
    expect(parseAmount("1.234", "KWD")).toBe(1234);
    expect(parseAmount("0.1", "USD")! + parseAmount("0.2", "USD")!).toBe(parseAmount("0.3", "USD"));
    expect(parseAmount("abc", "USD")).toBeNull();
    expect(currencyDigits("KWD")).toBe(3);
  });

  it("R-FX-1: formatting and parsing are inverse", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom("USD", "JPY", "KWD", "CNY"),
        (minor, currency) => {
          expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor);
        },
      ),
    );
  });

  it("knows ISO 4217 codes", () => {
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("XYZ")).toBe(false);
    expect(isCurrencyCode("usd")).toBe(false);
  });
});
