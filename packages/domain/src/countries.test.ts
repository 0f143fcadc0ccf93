import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, countryName, countryTimeZone, findCountry, listCountries } from "./countries.ts";

describe("countries (R-CUST-1)", () => {
  it("lists every ISO 3166 country with a Chinese and an English name", () => {
    expect(COUNTRY_CODES.length).toBeGreaterThanOrEqual(249);
    for (const country of listCountries()) {
      expect(country.nameZh).not.toBe(country.code);
      expect(country.nameEn).not.toBe(country.code);
    }
  });

  it("names Taiwan, Hong Kong and Macao the way mainland trade documents do", () => {
    expect(countryName("TW", "zh-CN")).toBe("中国台湾");
    expect(countryName("HK", "zh-CN")).toBe("中国香港");
    expect(countryName("MO", "zh-CN")).toBe("中国澳门");
    expect(countryName("TW", "en-US")).toBe("Taiwan");
    expect(countryName("US", "zh-CN")).toBe("美国");
    expect(countryName("DE", "en-US")).toBe("Germany");
  });

  it("finds a country from a code, an alpha-3 code, or a Chinese or English name", () => {
    expect(findCountry("de")).toBe("DE");
    expect(findCountry("DEU")).toBe("DE");
    expect(findCountry("Germany")).toBe("DE");
    expect(findCountry("德国")).toBe("DE");
    expect(findCountry("中国香港")).toBe("HK");
    expect(findCountry("United States")).toBe("US");
    expect(findCountry("Atlantis")).toBeNull();
  });

  it("gives each country a time zone, the main one where there are several", () => {
    expect(countryTimeZone("US")).toBe("America/New_York");
    expect(countryTimeZone("CN")).toBe("Asia/Shanghai");
    expect(countryTimeZone("DE")).toBe("Europe/Berlin");
    expect(countryTimeZone("BR")).toBe("America/Sao_Paulo");
    const missing = COUNTRY_CODES.filter((code) => !countryTimeZone(code));
    expect(missing.length).toBeLessThan(5);
  });
});
