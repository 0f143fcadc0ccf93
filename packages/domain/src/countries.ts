/**
 * Countries (ISO 3166-1 alpha-2) with Chinese and English names, and the time zone a customer
 * in that country most likely keeps.
 *
 * Names come from i18n-iso-countries, with deliberate exceptions: Taiwan, Hong Kong and Macao are
 * named 中国台湾 / 中国香港 / 中国澳门 in Chinese, the form mainland customs and trade documents
 * use, and by their short names in English, as shipping documents do. A few long official
 * English names are shortened to what users type (China, United States, South Korea, ...).
 */
import { getTimezonesForCountry } from "countries-and-timezones";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import zh from "i18n-iso-countries/langs/zh.json" with { type: "json" };

countries.registerLocale(en);
countries.registerLocale(zh);

const NAME_OVERRIDES: Record<string, { zh?: string; en?: string }> = {
  TW: { zh: "中国台湾", en: "Taiwan" },
  HK: { zh: "中国香港", en: "Hong Kong" },
  MO: { zh: "中国澳门", en: "Macao" },
  CN: { en: "China" },
  US: { en: "United States" },
  GB: { en: "United Kingdom" },
  KR: { en: "South Korea" },
  KP: { en: "North Korea" },
  RU: { en: "Russia" },
  VN: { en: "Vietnam" },
  IR: { en: "Iran" },
  SY: { en: "Syria" },
  TZ: { en: "Tanzania" },
  BO: { en: "Bolivia" },
  VE: { en: "Venezuela" },
  MD: { en: "Moldova" },
  LA: { en: "Laos" },
};

/** The zone most people in a multi-zone country keep (the library lists them alphabetically). */
const MAIN_TIME_ZONE: Record<string, string> = {
  US: "America/New_York",
  CA: "America/Toronto",
  MX: "America/Mexico_City",
  BR: "America/Sao_Paulo",
  AR: "America/Argentina/Buenos_Aires",
  CL: "America/Santiago",
  RU: "Europe/Moscow",
  AU: "Australia/Sydney",
  NZ: "Pacific/Auckland",
  CN: "Asia/Shanghai",
  ID: "Asia/Jakarta",
  KZ: "Asia/Almaty",
  MN: "Asia/Ulaanbaatar",
  UA: "Europe/Kyiv",
  ES: "Europe/Madrid",
  PT: "Europe/Lisbon",
  DE: "Europe/Berlin",
  MY: "Asia/Kuala_Lumpur",
  EC: "America/Guayaquil",
  CD: "Africa/Kinshasa",
  GL: "America/Nuuk",
  PG: "Pacific/Port_Moresby",
  FM: "Pacific/Pohnpei",
  KI: "Pacific/Tarawa",
  PF: "Pacific/Tahiti",
  UZ: "Asia/Tashkent",
  CY: "Asia/Nicosia",
};

export interface Country {
  code: string;
  nameZh: string;
  nameEn: string;
}

export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

export function isCountryCode(code: string): boolean {
  return countries.isValid(code) && code.length === 2 && code === code.toUpperCase();
}

export function countryName(code: string, locale: "zh-CN" | "en-US"): string {
  const override = NAME_OVERRIDES[code];
  if (locale === "zh-CN") return override?.zh ?? countries.getName(code, "zh") ?? code;
  return override?.en ?? countries.getName(code, "en", { select: "official" }) ?? code;
}

export function listCountries(): Country[] {
  return COUNTRY_CODES.map((code) => ({
    code,
    nameZh: countryName(code, "zh-CN"),
    nameEn: countryName(code, "en-US"),
  }));
}

export function countryTimeZone(code: string): string | null {
  if (MAIN_TIME_ZONE[code]) return MAIN_TIME_ZONE[code];
  const zones = getTimezonesForCountry(code);
  return zones?.[0]?.name ?? null;
}

/**
 * A country code from what people write: "CN", "CHN", "China", "中国", "美国", "U.S.A.".
 * Returns null when it cannot tell.
 */
// A spreadsheet names the same few countries on every row, and a lookup by name walks every
// country's names (1.8 s for 100,000 rows): remember the answers.
const foundCountries = new Map<string, string | null>();

export function findCountry(text: string): string | null {
  const known = foundCountries.get(text);
  if (known !== undefined) return known;
  const found = lookUpCountry(text);
  if (foundCountries.size >= 2000) foundCountries.clear();
  foundCountries.set(text, found);
  return found;
}

function lookUpCountry(text: string): string | null {
  const value = text.normalize("NFKC").trim();
  if (!value) return null;
  const upper = value.toUpperCase();
  if (upper.length === 2 && isCountryCode(upper)) return upper;
  if (upper.length === 3) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2) return alpha2;
  }
  for (const [code, names] of Object.entries(NAME_OVERRIDES)) {
    if (names.zh === value || names.en?.toLowerCase() === value.toLowerCase()) return code;
  }
  return (
    countries.getAlpha2Code(value, "zh") ??
    countries.getAlpha2Code(value, "en") ??
    countries.getAlpha2Code(value.replace(/\./g, ""), "en") ??
    null
  );
}
