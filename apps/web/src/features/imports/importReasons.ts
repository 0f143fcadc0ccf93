/**
 * The server explains a rejected row in English ("邮箱: "x" is not an e-mail address", "国家:
 * unknown country "Germnay" (did you mean Germany (DE)?)"). A rep in Ningbo should read it in
 * Chinese: this recognises the importer's known sentences and says them in the user's language,
 * with the suggested country named in that language too. A sentence it does not know is shown
 * as the server wrote it, so nothing is ever hidden.
 */
import { countryName, type Locale } from "@tradewind/domain";
import type { TFunction } from "i18next";

/** The parsers' names for classification values, and the i18n key of each field's label. */
const KIND_LABELS: Record<string, string> = {
  grade: "customerField.grade",
  importance: "customerField.importance",
  "deal status": "customerField.dealStatus",
  demand: "customerField.demand",
  source: "customerField.source",
  "credit status": "customerField.creditStatus",
};

interface Pattern {
  test: RegExp;
  /** The i18n key, and its parameters from the match. */
  say: (match: RegExpExecArray, t: TFunction) => { key: string; params?: Record<string, string> };
}

/** Problems of one cell, after "<column header>: ". */
const CELL_PATTERNS: Pattern[] = [
  { test: /^"(.*)" is not an e-mail address$/s, say: (m) => ({ key: "badEmail", params: { value: m[1]! } }) },
  { test: /^unknown country "(.*)"$/s, say: (m) => ({ key: "unknownCountry", params: { value: m[1]! } }) },
  {
    test: /^unknown owner "(.*)" \(use a Tradewind user's name or e-mail\)$/s,
    say: (m) => ({ key: "unknownOwner", params: { value: m[1]! } }),
  },
  {
    test: /^unknown (grade|importance|deal status|demand|source|credit status) "(.*)"$/s,
    say: (m, t) => ({ key: "unknownValue", params: { kind: t(KIND_LABELS[m[1]!] ?? ""), value: m[2]! } }),
  },
  {
    test: /^phone "(.*)" cannot be read without a country$/s,
    say: (m) => ({ key: "badPhoneNoCountry", params: { value: m[1]! } }),
  },
  { test: /^phone "(.*)" cannot be read$/s, say: (m) => ({ key: "badPhone", params: { value: m[1]! } }) },
  { test: /^"(.*)" is not yes or no$/s, say: (m) => ({ key: "notYesNo", params: { value: m[1]! } }) },
  {
    test: /^"(.*)" could be day\/month or month\/day$/s,
    say: (m) => ({ key: "ambiguousDate", params: { value: m[1]! } }),
  },
  { test: /^"(.*)" is not a real date$/s, say: (m) => ({ key: "unrealDate", params: { value: m[1]! } }) },
  { test: /^"(.*)" is not a date$/s, say: (m) => ({ key: "badDate", params: { value: m[1]! } }) },
  // An Excel number that is no date is written without quotes.
  { test: /^(-?[\d.]+) is not a date$/, say: (m) => ({ key: "badDate", params: { value: m[1]! } }) },
  {
    test: /^"(.*)" is not an amount in ([A-Z]{3})$/s,
    say: (m) => ({ key: "badAmount", params: { value: m[1]!, currency: m[2]! } }),
  },
];

/** Problems of the whole row. */
const ROW_PATTERNS: Pattern[] = [
  { test: /^missing company name$/, say: () => ({ key: "missingCompany" }) },
  {
    test: /^missing country \(choose a default country for rows without one\)$/,
    say: () => ({ key: "missingCountry" }),
  },
];

/** "Germany (DE)" → "德国 (DE)"; other suggestions (date and phone formats) are said by the sentence itself. */
function countrySuggestion(suggestion: string, locale: Locale): string | null {
  const match = /\(([A-Z]{2})\)$/.exec(suggestion.trim());
  return match ? `${countryName(match[1]!, locale)} (${match[1]})` : null;
}

/** One reason the server gave for rejecting a row, in the user's language where it is known. */
export function reasonText(reason: string, t: TFunction, locale: Locale): string {
  for (const pattern of ROW_PATTERNS) {
    const match = pattern.test.exec(reason);
    if (match) {
      const { key, params } = pattern.say(match, t);
      return t(`importReason.${key}`, params);
    }
  }
  const suggested = /^(.*) \(did you mean (.+)\?\)$/s.exec(reason);
  const base = suggested ? suggested[1]! : reason;
  const split = /^(.*?): (.*)$/s.exec(base);
  if (!split) return reason;
  const column = split[1] ?? "";
  const problem = split[2] ?? "";
  for (const pattern of CELL_PATTERNS) {
    const match = pattern.test.exec(problem);
    if (!match) continue;
    const { key, params } = pattern.say(match, t);
    const text = t(`importReason.${key}`, { column, ...params });
    const country = suggested && key === "unknownCountry" ? countrySuggestion(suggested[2]!, locale) : null;
    return country ? `${text}${t("importReason.didYouMean", { suggestion: country })}` : text;
  }
  return reason;
}
