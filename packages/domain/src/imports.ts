/**
 * Reading customer spreadsheets (外贸工作客户管理表 and CRM exports): which row is the header,
 * which column is which field (from Chinese and English names and the layouts of HubSpot,
 * Salesforce, Zoho, Pipedrive and Odoo exports), and how each cell's text becomes a value.
 * Pure functions; the server runs them over every row.
 */

import type { CountryCode } from "libphonenumber-js";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { DealStatus, Demand, Grade, Importance } from "./classification.ts";
import { COUNTRY_CODES, countryName, findCountry } from "./countries.ts";
import type { CreditStatus, CustomerSource } from "./customers.ts";
import { type IsoDate, isIsoDate } from "./dates.ts";

export const IMPORT_FIELDS = [
  "companyName",
  "localName",
  "country",
  "address",
  "city",
  "state",
  "postalCode",
  "website",
  "industry",
  "source",
  "tags",
  "creditLimit",
  "creditCurrency",
  "creditStatus",
  "notes",
  "owner",
  "keyAccount",
  "dealStatus",
  "importance",
  "demand",
  "grade",
  "expectedCloseDate",
  "nextActionDate",
  "nextAction",
  "contactName",
  "contactFirstName",
  "contactLastName",
  "contactTitle",
  "contactEmail",
  "contactPhone",
  "contactMobile",
  "whatsapp",
  "wechat",
  "skype",
  "linkedin",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header names by field, compared after `normalizeHeader`. Order matters: earlier fields win a tie. */
const ALIASES: Record<ImportField, string[]> = {
  companyName: [
    "公司名称",
    "客户名称",
    "公司名",
    "企业名称",
    "客户公司",
    "公司",
    "客户",
    "单位名称",
    "company",
    "companyname",
    "accountname",
    "account",
    "organization",
    "organisation",
    "organizationname",
    "customer",
    "customername",
    "client",
    "clientname",
    "businessname",
    "associatedcompany",
    "relatedcompany",
  ],
  localName: [
    "中文名称",
    "中文名",
    "公司中文名",
    "客户中文名",
    "本地名称",
    "localname",
    "chinesename",
    "namelocal",
  ],
  country: [
    "国家",
    "国家地区",
    "国别",
    "国家或地区",
    "所在国家",
    "country",
    "countryregion",
    "billingcountry",
    "shippingcountry",
    "countryname",
    "countrycode",
  ],
  address: [
    "地址",
    "公司地址",
    "详细地址",
    "address",
    "street",
    "streetaddress",
    "billingstreet",
    "address1",
    "street1",
  ],
  city: ["城市", "city", "billingcity", "town"],
  state: ["省", "州", "省份", "state", "province", "region", "billingstate", "stateregion"],
  postalCode: ["邮编", "邮政编码", "zip", "zipcode", "postalcode", "postcode", "billingpostalcode"],
  website: [
    "网址",
    "网站",
    "公司网站",
    "官网",
    "主页",
    "website",
    "web",
    "url",
    "homepage",
    "companydomainname",
    "domain",
    "websiteurl",
  ],
  industry: ["行业", "所属行业", "行业类别", "industry", "sector"],
  source: ["来源", "客户来源", "信息来源", "获客渠道", "source", "leadsource", "originalsource", "channel"],
  tags: ["标签", "tags", "tag", "labels", "label", "categories"],
  creditLimit: ["信用额度", "授信额度", "creditlimit"],
  creditCurrency: ["币种", "货币", "currency", "creditcurrency"],
  creditStatus: ["信用状况", "信用等级", "信用", "creditstatus"],
  notes: [
    "备注",
    "说明",
    "客户需求",
    "需求说明",
    "反馈",
    "notes",
    "note",
    "description",
    "remarks",
    "remark",
    "comments",
    "comment",
    "internalnotes",
  ],
  owner: [
    "业务员",
    "负责人",
    "跟进人",
    "所属业务员",
    "销售",
    "销售员",
    "客户经理",
    "归属人",
    "owner",
    "accountowner",
    "contactowner",
    "companyowner",
    "ownerid",
    "ownername",
    "salesperson",
    "salesrep",
    "assignedto",
    "salesman",
  ],
  keyAccount: ["重要客户", "是否重要客户", "keyaccount", "vip"],
  dealStatus: [
    "成交状态",
    "客户状态",
    "状态",
    "dealstatus",
    "status",
    "lifecyclestage",
    "stage",
    "leadstatus",
  ],
  importance: ["重要程度", "客户类别", "abc分类", "importance", "abcclass", "priority"],
  demand: ["需求程度", "需求类型", "客户类型", "demand", "customertype"],
  grade: ["等级", "客户等级", "级别", "客户级别", "grade", "rating", "customergrade", "class"],
  expectedCloseDate: [
    "预计成交日期",
    "预计成交时间",
    "预计成交",
    "expectedclosedate",
    "closedate",
    "expectedclose",
  ],
  nextActionDate: [
    "下次跟进",
    "下次跟进日期",
    "下次跟进时间",
    "下次联系",
    "下次联系时间",
    "下次联系日期",
    "nextfollowup",
    "nextfollowupdate",
    "nextactiondate",
    "nextactivitydate",
    "nextcontactdate",
  ],
  nextAction: ["下次跟进内容", "跟进计划", "下一步", "nextaction", "nextstep", "nextactivity"],
  contactName: [
    "联系人",
    "联系人姓名",
    "姓名",
    "contact",
    "contactname",
    "fullname",
    "contactperson",
    "primarycontact",
    "personname",
    "name",
  ],
  contactFirstName: ["名", "firstname", "givenname"],
  contactLastName: ["姓", "lastname", "surname", "familyname"],
  contactTitle: ["职位", "职务", "联系人职位", "title", "jobtitle", "jobposition", "position", "role"],
  contactEmail: [
    "邮箱",
    "电子邮件",
    "电子邮箱",
    "邮件",
    "联系人邮箱",
    "email",
    "emailaddress",
    "mail",
    "primaryemail",
    "workemail",
    "personemail",
  ],
  contactPhone: [
    "电话",
    "联系电话",
    "座机",
    "固话",
    "电话号码",
    "tel",
    "telephone",
    "phone",
    "phonenumber",
    "workphone",
    "businessphone",
    "officephone",
    "personphone",
  ],
  contactMobile: [
    "手机",
    "手机号",
    "手机号码",
    "移动电话",
    "mobile",
    "mobilephone",
    "mobilephonenumber",
    "cell",
    "cellphone",
  ],
  whatsapp: ["whatsapp", "whatsappnumber"],
  wechat: ["微信", "微信号", "wechat", "weixin", "wechatid"],
  skype: ["skype", "skypeid"],
  linkedin: ["领英", "linkedin", "linkedinurl", "linkedinprofile"],
};

/** Header text as compared: folded, lower case, without spaces, punctuation or a trailing "(必填)". */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, "")
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

const BY_ALIAS = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS)
  for (const alias of ALIASES[field]) if (!BY_ALIAS.has(alias)) BY_ALIAS.set(alias, field);

/**
 * Headers that carry no customer data: the derived values a Tradewind export writes (urgency,
 * dates it keeps) and a sheet's own row numbers. Unmapped, they are not kept as notes either.
 */
const DERIVED_HEADERS = new Set(
  [
    "紧急程度",
    "urgency",
    "最近跟进",
    "lastfollowup",
    "创建时间",
    "created",
    "更新时间",
    "updated",
    "建议等级",
    "suggestedgrade",
    "序号",
    "行号",
    "no",
    "rowno",
    "row",
  ].map((h) => normalizeHeader(h)),
);

export function isDerivedHeader(header: string): boolean {
  return DERIVED_HEADERS.has(normalizeHeader(header));
}

export function fieldForHeader(header: string): ImportField | null {
  return BY_ALIAS.get(normalizeHeader(header)) ?? null;
}

export type Cell = string | number | boolean | Date | null;

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/**
 * The header row: the row among the first 30 with the most cells that name a known field,
 * counting only rows with at least two text cells (a company title or an export date above the
 * header has one). Returns -1 when no row names a field.
 */
export function detectHeaderRow(rows: Cell[][]): number {
  let best = -1;
  let bestScore = 0;
  for (let index = 0; index < Math.min(rows.length, 30); index++) {
    const texts = (rows[index] ?? []).map(cellText).filter((t) => t !== "" && Number.isNaN(Number(t)));
    if (texts.length < 2) continue;
    const known = new Set(texts.map(fieldForHeader).filter((f): f is ImportField => f !== null)).size;
    if (known > bestScore) {
      best = index;
      bestScore = known;
    }
  }
  return best;
}

/**
 * A field for each column, or null to keep it out (it can still be kept as notes). A field is
 * given to one column only. A bare "Name" is the company when no other column names the company
 * (HubSpot and Salesforce company exports), else the contact.
 */
export function autoMap(headers: string[]): (ImportField | null)[] {
  const normalized = headers.map(normalizeHeader);
  const hasCompany = normalized.some((h) => h !== "name" && BY_ALIAS.get(h) === "companyName");
  const hasContact = normalized.some((h) => h !== "name" && BY_ALIAS.get(h) === "contactName");
  const taken = new Set<ImportField>();
  return normalized.map((header) => {
    let field = BY_ALIAS.get(header) ?? null;
    // A bare "Name" is whatever the file does not name otherwise (Odoo's lead template has both, and its "Name" is the deal).
    if (header === "name") field = !hasCompany ? "companyName" : !hasContact ? "contactName" : null;
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

export interface ParseResult<T> {
  value: T | null;
  /** Why the text could not be read; null when it was read (or was empty). */
  problem: string | null;
  suggestion?: string;
}

const ok = <T>(value: T | null): ParseResult<T> => ({ value, problem: null });
const empty = <T>(): ParseResult<T> => ({ value: null, problem: null });
const bad = <T>(problem: string, suggestion?: string): ParseResult<T> => ({
  value: null,
  problem,
  ...(suggestion ? { suggestion } : {}),
});

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

function isoDate(year: number, month: number, day: number): IsoDate | null {
  const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isIsoDate(text) ? text : null;
}

/** An Excel serial day number as a date, in the 1900 or the 1904 date system. */
export function excelSerialToDate(serial: number, date1904 = false): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const whole = Math.floor(serial);
  // 1900 system: day 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was.
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, whole >= 60 ? 30 : 31);
  return new Date(base + whole * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Dates as people write them: Excel serials, 2024-03-05, 2024/3/5, 2024年3月5日, 05.03.2024,
 * Mar 5 2024, 5 March 2024, ISO timestamps. "03/05/2024" is ambiguous unless one part is over 12.
 */
export function parseDate(cell: Cell, date1904 = false): ParseResult<IsoDate> {
  if (cell === null || cell === "") return empty();
  if (cell instanceof Date) return ok(Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10));
  if (typeof cell === "number") {
    const date = excelSerialToDate(cell, date1904);
    return date ? ok(date) : bad(`${cell} is not a date`);
  }
  const text = String(cell).normalize("NFKC").trim();
  if (!text) return empty();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s].*)?$/.exec(text);
  if (m) return dateOr(isoDate(+m[1]!, +m[2]!, +m[3]!), text);
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) return dateOr(isoDate(+m[3]!, +m[2]!, +m[1]!), text);
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    if (a > 12) return dateOr(isoDate(+m[3]!, b, a), text);
    if (b > 12) return dateOr(isoDate(+m[3]!, a, b), text);
    return bad(`"${text}" could be day/month or month/day`, "write it as YYYY-MM-DD");
  }
  m = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(text);
  if (m && MONTHS[m[1]!.toLowerCase()])
    return dateOr(isoDate(+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!), text);
  m = /^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i.exec(text);
  if (m && MONTHS[m[2]!.toLowerCase()])
    return dateOr(isoDate(+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!), text);
  if (/^\d+(\.\d+)?$/.test(text)) {
    const date = excelSerialToDate(Number(text), date1904);
    if (date) return ok(date);
  }
  return bad(`"${text}" is not a date`, "write it as YYYY-MM-DD");
}

function dateOr(date: IsoDate | null, text: string): ParseResult<IsoDate> {
  return date ? ok(date) : bad(`"${text}" is not a real date`);
}

/** Edit distance, for suggesting the country someone probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** A country from a code or a Chinese or English name; an unknown one gets the nearest name as a suggestion. */
export function parseCountry(cell: Cell): ParseResult<string> {
  const text = cellText(cell);
  if (!text) return empty();
  const code = findCountry(text);
  if (code) return ok(code);
  const lower = text.toLowerCase();
  let best: { code: string; score: number } | null = null;
  for (const candidate of COUNTRY_CODES) {
    for (const name of [countryName(candidate, "en-US"), countryName(candidate, "zh-CN")]) {
      const score = distance(lower, name.toLowerCase()) / Math.max(name.length, lower.length);
      if (!best || score < best.score) best = { code: candidate, score };
    }
  }
  const suggestion =
    best && best.score <= 0.4 ? `${countryName(best.code, "en-US")} (${best.code})` : undefined;
  return bad(`unknown country "${text}"`, suggestion);
}

function enumParser<T extends string>(label: string, table: Record<string, T>) {
  const normalized = new Map(Object.entries(table).map(([k, v]) => [normalizeHeader(k), v]));
  return (cell: Cell): ParseResult<T> => {
    const text = cellText(cell);
    if (!text) return empty();
    const value = normalized.get(normalizeHeader(text));
    return value ? ok(value) : bad(`unknown ${label} "${text}"`);
  };
}

export const parseGrade = enumParser<Grade>("grade", {
  A: "A",
  B: "B",
  C: "C",
  D: "D",
  E: "E",
  A级: "A",
  B级: "B",
  C级: "C",
  D级: "D",
  E级: "E",
  A类: "A",
  B类: "B",
  C类: "C",
  D类: "D",
  E类: "E",
});
export const parseImportance = enumParser<Importance>("importance", {
  A: "A",
  B: "B",
  C: "C",
  A类: "A",
  B类: "B",
  C类: "C",
  重要: "A",
  一般: "B",
  非重要: "C",
  high: "A",
  medium: "B",
  low: "C",
});
export const parseDealStatus = enumParser<DealStatus>("deal status", {
  closed: "closed",
  已成交: "closed",
  成交: "closed",
  won: "closed",
  customer: "closed",
  "closed won": "closed",
  老客户: "closed",
  negotiating: "negotiating",
  正在谈判: "negotiating",
  谈判中: "negotiating",
  洽谈中: "negotiating",
  opportunity: "negotiating",
  "in progress": "negotiating",
  negotiation: "negotiating",
  potential: "potential",
  潜在: "potential",
  潜在客户: "potential",
  lead: "potential",
  prospect: "potential",
  new: "potential",
  open: "potential",
  subscriber: "potential",
});
export const parseDemand = enumParser<Demand>("demand", {
  target: "target",
  目标客户: "target",
  目标: "target",
  有需求: "target",
  potential: "potential",
  潜在客户: "potential",
  潜在需求: "potential",
  dead: "dead",
  死亡客户: "dead",
  死亡: "dead",
  无需求: "dead",
  lost: "dead",
});
export const parseSource = enumParser<CustomerSource>("source", {
  trade_show: "trade_show",
  展会: "trade_show",
  广交会: "trade_show",
  "trade show": "trade_show",
  exhibition: "trade_show",
  fair: "trade_show",
  "canton fair": "trade_show",
  customs_data: "customs_data",
  海关数据: "customs_data",
  customs: "customs_data",
  "customs data": "customs_data",
  b2b_platform: "b2b_platform",
  b2b: "b2b_platform",
  b端平台: "b2b_platform",
  阿里巴巴: "b2b_platform",
  alibaba: "b2b_platform",
  "made-in-china": "b2b_platform",
  中国制造网: "b2b_platform",
  "b2b platform": "b2b_platform",
  search_engine: "search_engine",
  搜索引擎: "search_engine",
  google: "search_engine",
  "organic search": "search_engine",
  seo: "search_engine",
  "search engine": "search_engine",
  social_platform: "social_platform",
  社交平台: "social_platform",
  linkedin: "social_platform",
  facebook: "social_platform",
  "social media": "social_platform",
  mobile_social: "mobile_social",
  移动社交: "mobile_social",
  whatsapp: "mobile_social",
  wechat: "mobile_social",
  微信: "mobile_social",
  referral: "referral",
  转介绍: "referral",
  推荐: "referral",
  客户推荐: "referral",
  referrals: "referral",
  other: "other",
  其他: "other",
  offline: "other",
});
export const parseCreditStatus = enumParser<CreditStatus>("credit status", {
  good: "good",
  良好: "good",
  正常: "good",
  ok: "good",
  watch: "watch",
  关注: "watch",
  一般: "watch",
  hold: "hold",
  冻结: "hold",
  黑名单: "hold",
  blocked: "hold",
});

export function parseBoolean(cell: Cell): ParseResult<boolean> {
  const text = cellText(cell).toLowerCase();
  if (!text) return empty();
  if (["1", "true", "yes", "y", "是", "√", "✓", "x"].includes(text)) return ok(true);
  if (["0", "false", "no", "n", "否"].includes(text)) return ok(false);
  return bad(`"${text}" is not yes or no`);
}

/** A phone in international form, using the customer's country for numbers written locally. */
export function parsePhone(cell: Cell, country: string | null): ParseResult<string> {
  const text = cellText(cell);
  if (!text) return empty();
  const cleaned = text.replace(/^00/, "+");
  const phone = parsePhoneNumberFromString(cleaned, (country ?? undefined) as CountryCode | undefined);
  if (phone?.isPossible()) return ok(phone.formatInternational());
  return bad(
    `phone "${text}" cannot be read${country ? "" : " without a country"}`,
    "write it as +<country code> <number>",
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** One or more e-mails in a cell (separated by , ; or spaces). */
export function parseEmails(cell: Cell): ParseResult<string[]> {
  const text = cellText(cell);
  if (!text) return empty();
  const emails = text
    .split(/[,;，；\s]+/)
    .filter(Boolean)
    .map((e) => e.toLowerCase());
  const wrong = emails.find((e) => !EMAIL.test(e));
  return wrong ? bad(`"${wrong}" is not an e-mail address`) : ok(emails);
}

/** What to do with a row that matches an existing customer (R-CUST-5). */
export const DUPLICATE_MODES = ["skip", "update", "create"] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

export const TEXT_ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "gb18030"] as const;
