/**
 * The customer list's filters and sort, kept in the page's URL (?grade=A,B&country=DE&sort=...),
 * so a filtered view can be bookmarked, shared with a colleague or saved under a name. This
 * module turns the URL into filters, filters back into the URL, and filters into the query of
 * GET /api/customers. Pure functions: the list, the board and the pool share them.
 */
import {
  CUSTOMER_SORTS,
  CUSTOMER_SOURCES,
  type CustomerSort,
  type CustomerSource,
  DEAL_STATUSES,
  DEMANDS,
  type DealStatus,
  type Demand,
  GRADES,
  type Grade,
  IMPORTANCE_CLASSES,
  type Importance,
  URGENCIES,
  type Urgency,
} from "@tradewind/domain";

export const DEFAULT_SORT: CustomerSort = "-updatedAt";

/** The server searches from 2 characters on (one Chinese character is too broad to be useful). */
export const MIN_SEARCH_LENGTH = 2;

export interface CustomerFilters {
  q: string;
  sort: CustomerSort;
  grade: Grade[];
  dealStatus: DealStatus[];
  importance: Importance[];
  urgency: Urgency[];
  demand: Demand[];
  country: string[];
  source: CustomerSource[];
  ownerId: string[];
  tag: string[];
  teamId: string | null;
  keyAccount: boolean | null;
  overdue: boolean;
  /** Calendar days, both ends included: ["2026-01-01", "2026-01-31"]. */
  created: [string, string] | null;
  updated: [string, string] | null;
}

export const EMPTY_FILTERS: CustomerFilters = {
  q: "",
  sort: DEFAULT_SORT,
  grade: [],
  dealStatus: [],
  importance: [],
  urgency: [],
  demand: [],
  country: [],
  source: [],
  ownerId: [],
  tag: [],
  teamId: null,
  keyAccount: null,
  overdue: false,
  created: null,
  updated: null,
};

/** The list-valued filters, in the order the URL writes them. */
const LIST_KEYS = [
  "grade",
  "dealStatus",
  "importance",
  "urgency",
  "demand",
  "country",
  "source",
  "ownerId",
  "tag",
] as const;
type ListKey = (typeof LIST_KEYS)[number];

const ALLOWED: Partial<Record<ListKey, readonly string[]>> = {
  grade: GRADES,
  dealStatus: DEAL_STATUSES,
  importance: IMPORTANCE_CLASSES,
  urgency: URGENCIES,
  demand: DEMANDS,
  source: CUSTOMER_SOURCES,
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function listOf(params: URLSearchParams, key: ListKey): string[] {
  const values = (params.get(key) ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  const allowed = ALLOWED[key];
  const valid = values.filter((value) =>
    allowed ? allowed.includes(value) : key === "country" ? /^[A-Z]{2}$/.test(value) : value.length <= 64,
  );
  return [...new Set(valid)];
}

function rangeOf(params: URLSearchParams, key: "created" | "updated"): [string, string] | null {
  const from = params.get(`${key}From`);
  const to = params.get(`${key}To`);
  if (!from || !to || !ISO_DAY.test(from) || !ISO_DAY.test(to)) return null;
  return from <= to ? [from, to] : [to, from];
}

/** Reads the filters from the URL; values a hand-edited or outdated link gets wrong are ignored. */
export function filtersFromSearch(params: URLSearchParams): CustomerFilters {
  const sort = params.get("sort");
  const keyAccount = params.get("keyAccount");
  const filters: CustomerFilters = {
    ...EMPTY_FILTERS,
    q: (params.get("q") ?? "").slice(0, 200),
    sort: (CUSTOMER_SORTS as readonly string[]).includes(sort ?? "") ? (sort as CustomerSort) : DEFAULT_SORT,
    teamId: params.get("teamId") || null,
    keyAccount: keyAccount === "true" ? true : keyAccount === "false" ? false : null,
    overdue: params.get("overdue") === "true",
    created: rangeOf(params, "created"),
    updated: rangeOf(params, "updated"),
  };
  for (const key of LIST_KEYS) (filters[key] as string[]) = listOf(params, key);
  return filters;
}

/** Writes the filters into a URL query, leaving out what is at its default (short, readable links). */
export function searchFromFilters(filters: CustomerFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  for (const key of LIST_KEYS) if (filters[key].length > 0) params.set(key, filters[key].join(","));
  if (filters.teamId) params.set("teamId", filters.teamId);
  if (filters.keyAccount !== null) params.set("keyAccount", String(filters.keyAccount));
  if (filters.overdue) params.set("overdue", "true");
  for (const key of ["created", "updated"] as const) {
    const range = filters[key];
    if (range) {
      params.set(`${key}From`, range[0]);
      params.set(`${key}To`, range[1]);
    }
  }
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  return params;
}

/** How many filters narrow the list (search and sort not counted): for the "filters (3)" badge. */
export function activeFilterCount(filters: CustomerFilters): number {
  let count = LIST_KEYS.filter((key) => filters[key].length > 0).length;
  if (filters.teamId) count++;
  if (filters.keyAccount !== null) count++;
  if (filters.overdue) count++;
  if (filters.created) count++;
  if (filters.updated) count++;
  return count;
}

/** Local midnight of a calendar day, as the instant the API compares timestamps with. */
export function startOfDayIso(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date).toISOString();
}

/** The start of the day after: the API's `...To` bounds are exclusive, the user's "to" day is included. */
export function endOfDayIso(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date + 1).toISOString();
}

export type ListQueryValue = string | number | boolean | undefined;

/**
 * The query of GET /api/customers for these filters. A search shorter than the server accepts
 * is left out (the search box says why) rather than sent to fail.
 */
export function listQueryOf(filters: CustomerFilters): Record<string, ListQueryValue> {
  const q = filters.q.trim();
  const query: Record<string, ListQueryValue> = {
    sort: appliedSort(filters) ?? undefined,
    q: q.length >= MIN_SEARCH_LENGTH ? q : undefined,
    teamId: filters.teamId ?? undefined,
    keyAccount: filters.keyAccount === null ? undefined : String(filters.keyAccount),
    overdue: filters.overdue ? "true" : undefined,
  };
  for (const key of LIST_KEYS) if (filters[key].length > 0) query[key] = filters[key].join(",");
  if (filters.created) {
    query.createdFrom = startOfDayIso(filters.created[0]);
    query.createdTo = endOfDayIso(filters.created[1]);
  }
  if (filters.updated) {
    query.updatedFrom = startOfDayIso(filters.updated[0]);
    query.updatedTo = endOfDayIso(filters.updated[1]);
  }
  return query;
}

/**
 * The sort the list asks the server for. Searching without a sort of one's own gets none: the
 * server then hands out matches newest first straight from its search index, fast however many match.
 */
export function appliedSort(filters: CustomerFilters): CustomerSort | null {
  const searching = filters.q.trim().length >= MIN_SEARCH_LENGTH;
  return searching && filters.sort === DEFAULT_SORT ? null : filters.sort;
}

/** The column a sort orders by, and its direction, for the table's sort arrows (none: no arrow). */
export function sortParts(sort: CustomerSort | null): { key: string; descending: boolean } {
  if (!sort) return { key: "", descending: false };
  return { key: sort.replace(/^-/, ""), descending: sort.startsWith("-") };
}

/** The sort for a column header click: ascending, then descending, then back to the default. */
export function sortFor(key: string, order: "ascend" | "descend" | null | undefined): CustomerSort {
  if (!order) return DEFAULT_SORT;
  const sort = order === "descend" ? `-${key}` : key;
  return (CUSTOMER_SORTS as readonly string[]).includes(sort) ? (sort as CustomerSort) : DEFAULT_SORT;
}
