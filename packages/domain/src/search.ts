/**
 * What customer search looks through, in a form both database engines can index:
 * `searchText` (folded text for substring search with trigrams, 3+ characters) and
 * `searchTokens` (words and Chinese character pairs, for 2-character queries and word prefixes).
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Case- and width-folded text, the form both the index and the query use. */
export function foldForSearch(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export interface SearchSource {
  companyName: string;
  localName?: string | null;
  website?: string | null;
  contacts?: readonly { name: string; emails?: readonly string[]; phones?: readonly string[] }[];
}

export function searchText(source: SearchSource): string {
  const parts: string[] = [source.companyName, source.localName ?? "", source.website ?? ""];
  for (const contact of source.contacts ?? []) {
    parts.push(contact.name, ...(contact.emails ?? []));
    for (const phone of contact.phones ?? []) parts.push(phone, phone.replace(/\D/g, ""));
  }
  return foldForSearch(parts.filter(Boolean).join(" | "));
}

/** Words (Latin, digits) and every pair of neighbouring CJK characters. */
export function searchTokens(source: SearchSource): string {
  return searchTokensOf(searchText(source));
}

/** The tokens of a text already folded by searchText (saves folding it twice). */
export function searchTokensOf(text: string): string {
  const tokens = new Set<string>();
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) tokens.add(run.slice(i, i + 2));
  }
  for (const word of text.replace(CJK_RUN, " ").split(/[^\p{L}\p{N}]+/u)) {
    if (word.length >= 2) tokens.add(word);
  }
  return [...tokens].join(" ");
}

export type SearchPlan =
  | { kind: "substring"; text: string }
  | { kind: "token"; token: string; prefix: boolean }
  | { kind: "too_short" };

/**
 * How to search for what the user typed: 3+ characters as a substring (trigram index),
 * 2 characters as a CJK pair or a word prefix (token index). A phone number is searched by its
 * digits.
 */
export function planSearch(query: string): SearchPlan {
  let text = foldForSearch(query);
  if (/^[+\d][\d\s\-().]{5,}$/.test(text)) text = text.replace(/\D/g, "");
  const length = [...text].length;
  if (length >= 3) return { kind: "substring", text };
  if (length === 2) return { kind: "token", token: text, prefix: !CJK.test(text) };
  return { kind: "too_short" };
}
