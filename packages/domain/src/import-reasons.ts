/**
 * Why the importer rejected a row, in the user's language. The row mapper writes each reason as
 * one English sentence ("邮箱: "x" is not an e-mail address", "国家: unknown country "Germnay"
 * (did you mean Germany (DE)?)"), which is what the database keeps; this recognises those
 * sentences and says them in Chinese or English, with a suggested country named in that language.
 * Both the preview screen and the rejected-rows workbook use it, so a rep in Ningbo reads the
 * same words in both. A sentence it does not know is returned as written: nothing is hidden.
 */
import { countryName } from "./countries.ts";
import type { Locale } from "./org.ts";

type ReasonKey =
  | "missingCompany"
  | "missingCountry"
  | "badEmail"
  | "unknownCountry"
  | "didYouMean"
  | "unknownOwner"
  | "unknownValue"
  | "badPhone"
  | "badPhoneNoCountry"
  | "notYesNo"
  | "ambiguousDate"
  | "badDate"
  | "unrealDate"
  | "badAmount";

const SENTENCES: Record<Locale, Record<ReasonKey, string>> = {
  "zh-CN": {
    missingCompany: "缺少公司名称",
    missingCountry: "缺少国家（可在“检查并对应字段”一步设置默认国家）",
    badEmail: "{column}：“{value}”不是有效的邮箱地址",
    unknownCountry: "{column}：无法识别国家“{value}”",
    didYouMean: "（是不是 {suggestion}？）",
    unknownOwner: "{column}：系统里没有叫“{value}”的同事（请填写同事的姓名或登录邮箱）",
    unknownValue: "{column}：无法识别的{kind}“{value}”",
    badPhone: "{column}：无法识别电话“{value}”（请写成 +国家代码 号码，例如 +49 30 1234567）",
    badPhoneNoCountry: "{column}：电话“{value}”没有国家代码，而这一行也没有国家（请写成 +国家代码 号码）",
    notYesNo: "{column}：“{value}”应填写 是 或 否",
    ambiguousDate: "{column}：“{value}”分不清是 日/月 还是 月/日（请写成 2026-03-05 这样的格式）",
    badDate: "{column}：“{value}”不是日期（请写成 2026-03-05 这样的格式）",
    unrealDate: "{column}：“{value}”不是真实存在的日期",
    badAmount: "{column}：“{value}”不是有效的 {currency} 金额",
  },
  "en-US": {
    missingCompany: "No company name",
    missingCountry: "No country (a default country can be set in “Check & map columns”)",
    badEmail: "{column}: “{value}” is not an e-mail address",
    unknownCountry: "{column}: unknown country “{value}”",
    didYouMean: " (did you mean {suggestion}?)",
    unknownOwner: "{column}: no colleague called “{value}” (use a colleague's name or login e-mail)",
    unknownValue: "{column}: unknown {kind} “{value}”",
    badPhone:
      "{column}: cannot read the phone “{value}” (write it as +country code number, e.g. +49 30 1234567)",
    badPhoneNoCountry:
      "{column}: the phone “{value}” has no country code and the row has no country (write it as +country code number)",
    notYesNo: "{column}: “{value}” should be yes or no",
    ambiguousDate: "{column}: “{value}” could be day/month or month/day (write it as 2026-03-05)",
    badDate: "{column}: “{value}” is not a date (write it as 2026-03-05)",
    unrealDate: "{column}: “{value}” is not a real date",
    badAmount: "{column}: “{value}” is not an amount in {currency}",
  },
};

/** The parsers' names for classification values, as each language names the field. */
const KINDS: Record<Locale, Record<string, string>> = {
  "zh-CN": {
    grade: "客户等级",
    importance: "重要程度",
    "deal status": "成交状态",
    demand: "需求",
    source: "来源",
    "credit status": "信用状况",
  },
  "en-US": {
    grade: "grade",
    importance: "importance",
    "deal status": "deal status",
    demand: "demand",
    source: "source",
    "credit status": "credit status",
  },
};

interface Pattern {
  test: RegExp;
  say: (match: RegExpExecArray, locale: Locale) => { key: ReasonKey; params?: Record<string, string> };
}

const value = (match: RegExpExecArray) => ({ value: match[1]! });

/** Problems of one cell, after "<column header>: ". */
const CELL_PATTERNS: Pattern[] = [
  { test: /^"(.*)" is not an e-mail address$/s, say: (m) => ({ key: "badEmail", params: value(m) }) },
  { test: /^unknown country "(.*)"$/s, say: (m) => ({ key: "unknownCountry", params: value(m) }) },
  {
    test: /^unknown owner "(.*)" \(use a Tradewind user's name or e-mail\)$/s,
    say: (m) => ({ key: "unknownOwner", params: value(m) }),
  },
  {
    test: /^unknown (grade|importance|deal status|demand|source|credit status) "(.*)"$/s,
    say: (m, locale) => ({
      key: "unknownValue",
      params: { kind: KINDS[locale][m[1]!] ?? m[1]!, value: m[2]! },
    }),
  },
  {
    test: /^phone "(.*)" cannot be read without a country$/s,
    say: (m) => ({ key: "badPhoneNoCountry", params: value(m) }),
  },
  { test: /^phone "(.*)" cannot be read$/s, say: (m) => ({ key: "badPhone", params: value(m) }) },
  { test: /^"(.*)" is not yes or no$/s, say: (m) => ({ key: "notYesNo", params: value(m) }) },
  {
    test: /^"(.*)" could be day\/month or month\/day$/s,
    say: (m) => ({ key: "ambiguousDate", params: value(m) }),
  },
  { test: /^"(.*)" is not a real date$/s, say: (m) => ({ key: "unrealDate", params: value(m) }) },
  { test: /^"(.*)" is not a date$/s, say: (m) => ({ key: "badDate", params: value(m) }) },
  // An Excel number that is no date is written without quotes.
  { test: /^(-?[\d.]+) is not a date$/, say: (m) => ({ key: "badDate", params: value(m) }) },
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

function sentence(locale: Locale, key: ReasonKey, params: Record<string, string> = {}): string {
  return SENTENCES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** "Germany (DE)" → "德国 (DE)"; other suggestions (date and phone formats) are said by the sentence itself. */
function countrySuggestion(suggestion: string, locale: Locale): string | null {
  const match = /\(([A-Z]{2})\)$/.exec(suggestion.trim());
  return match ? `${countryName(match[1]!, locale)} (${match[1]})` : null;
}

/** One reason the importer gave for rejecting a row, in the user's language where it is known. */
export function describeImportReason(reason: string, locale: Locale): string {
  for (const pattern of ROW_PATTERNS) {
    const match = pattern.test.exec(reason);
    if (match) {
      const { key, params } = pattern.say(match, locale);
      return sentence(locale, key, params);
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
    const { key, params } = pattern.say(match, locale);
    const text = sentence(locale, key, { column, ...params });
    const country = suggested && key === "unknownCountry" ? countrySuggestion(suggested[2]!, locale) : null;
    return country ? `${text}${sentence(locale, "didYouMean", { suggestion: country })}` : text;
  }
  return reason;
}
