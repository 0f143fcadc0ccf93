/**
 * Duplicate check (查重, R-CUST-5): the keys under which two customers count as the same.
 * Company names are compared after folding case and width, dropping punctuation and legal
 * suffixes; e-mails by their domain unless it is a free-mail provider; phones by their digits;
 * websites by host.
 */

/** Legal-form words that say nothing about who the company is; compared case-insensitively. */
const LEGAL_SUFFIXES = [
  "co",
  "company",
  "corp",
  "corporation",
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "llp",
  "lp",
  "plc",
  "pty",
  "pte",
  "gmbh",
  "mbh",
  "ag",
  "kg",
  "ug",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "sl",
  "bv",
  "nv",
  "oy",
  "ab",
  "as",
  "aps",
  "kk",
  "jsc",
  "ooo",
  "sdn",
  "bhd",
  "cv",
  "de",
  "and",
];

/** Written-together legal forms (after punctuation is removed): "s.a." -> "sa", "s.r.l." -> "srl". */
const CJK_LEGAL_SUFFIXES = [
  "股份有限公司",
  "有限责任公司",
  "有限公司",
  "集团公司",
  "公司",
  "株式会社",
  "有限會社",
  "有限公司",
];

const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.co.jp",
  "ymail.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "mail.com",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "yandex.ru",
  "yandex.com",
  "mail.ru",
  "protonmail.com",
  "proton.me",
  "zoho.com",
  "qq.com",
  "foxmail.com",
  "163.com",
  "126.com",
  "yeah.net",
  "sina.com",
  "sina.cn",
  "sohu.com",
  "139.com",
  "aliyun.com",
  "naver.com",
  "daum.net",
  "rediffmail.com",
  "libero.it",
  "orange.fr",
  "free.fr",
  "t-online.de",
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain.toLowerCase());
}

/** NFKC folds full-width letters, digits and punctuation to their ordinary forms. */
function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * "ACME Trading Co., Ltd." and "Acme Trading Limited" both become "acme trading";
 * "宁波海天贸易有限公司" becomes "宁波海天贸易".
 */
export function normalizeCompanyName(name: string): string {
  let text = fold(name);
  text = text.replace(/&/g, " and ");
  // Dotted abbreviations become words: "s.r.l." -> "srl", "co.," -> "co".
  text = text.replace(/\b([a-z])\.(?=[a-z]\.)/g, "$1").replace(/\b([a-z])\.(?=[a-z]\b)/g, "$1");
  text = text.replace(/[\p{P}\p{S}]+/gu, " ");
  let words = text.split(/\s+/).filter(Boolean);
  // Drop legal words from the end (and a leading "the"), but never the whole name.
  while (words.length > 1 && LEGAL_SUFFIXES.includes(words[words.length - 1]!)) words = words.slice(0, -1);
  if (words.length > 1 && words[0] === "the") words = words.slice(1);
  let joined = words.join(" ");
  for (const suffix of CJK_LEGAL_SUFFIXES) {
    if (joined.endsWith(suffix) && joined.length > suffix.length) {
      joined = joined.slice(0, -suffix.length).trim();
      break;
    }
  }
  return joined;
}

/** The company domain of an e-mail address, or null for free mail and malformed addresses. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1) return null;
  const domain = fold(email.slice(at + 1))
    .trim()
    .replace(/\.$/, "");
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain) || isFreeMailDomain(domain)) return null;
  return domain;
}

/** Digits of a phone number (with country code when written in international form); null if too short to mean anything. */
export function phoneDigits(phone: string): string | null {
  const digits = fold(phone).replace(/^00/, "").replace(/\D/g, "");
  return digits.length >= 7 ? digits : null;
}

/** "https://www.Acme.com/en/" -> "acme.com". */
export function websiteHost(website: string): string | null {
  const text = fold(website).trim();
  // scheme://user@host:port/path -> host
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?([^:/?#\s]+)(?::\d+)?(?:[/?#]\S*)?$/.exec(text);
  if (!match) return null;
  const host = match[1]!.replace(/^www\d?\./, "").replace(/\.$/, "");
  return /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(host) ? host : null;
}

export type DuplicateKeyKind = "name" | "email_domain" | "phone" | "website";

export interface DuplicateKey {
  kind: DuplicateKeyKind;
  value: string;
}

export interface DuplicateSource {
  companyName: string;
  localName?: string | null;
  website?: string | null;
  emails?: readonly string[];
  phones?: readonly string[];
}

/** Every key a customer can be matched by; the same function runs on create, import and edit. */
export function duplicateKeys(source: DuplicateSource): DuplicateKey[] {
  const keys = new Map<string, DuplicateKey>();
  const add = (kind: DuplicateKeyKind, value: string | null) => {
    if (value && value.length >= 2) keys.set(`${kind}:${value}`, { kind, value });
  };
  add("name", normalizeCompanyName(source.companyName));
  if (source.localName) add("name", normalizeCompanyName(source.localName));
  if (source.website) add("website", websiteHost(source.website));
  for (const email of source.emails ?? []) add("email_domain", emailDomain(email));
  for (const phone of source.phones ?? []) add("phone", phoneDigits(phone));
  return [...keys.values()];
}
