/** The list filters survive the trip through the URL, and become the right API query. */
import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  DEFAULT_SORT,
  EMPTY_FILTERS,
  filtersFromSearch,
  listQueryOf,
  searchFromFilters,
  sortFor,
} from "./customerFilters.ts";

describe("customer filters in the URL", () => {
  it("round-trips every filter through the query string", () => {
    const filters = {
      ...EMPTY_FILTERS,
      q: "宁波",
      sort: "companyName" as const,
      grade: ["A" as const, "B" as const],
      country: ["DE", "US"],
      source: ["trade_show" as const],
      tag: ["vip"],
      teamId: "team-1",
      keyAccount: false,
      overdue: true,
      created: ["2026-01-01", "2026-01-31"] as [string, string],
    };
    const search = searchFromFilters(filters);
    expect(search.get("grade")).toBe("A,B");
    expect(filtersFromSearch(search)).toEqual(filters);
  });

  it("leaves defaults out of the link and ignores values a link gets wrong", () => {
    expect(searchFromFilters(EMPTY_FILTERS).toString()).toBe("");
    const parsed = filtersFromSearch(
      new URLSearchParams("grade=A,Z,A&country=de,FR&sort=salary&keyAccount=maybe&createdFrom=2026-02-01"),
    );
    expect(parsed.grade).toEqual(["A"]);
    expect(parsed.country).toEqual(["FR"]);
    expect(parsed.sort).toBe(DEFAULT_SORT);
    expect(parsed.keyAccount).toBeNull();
    expect(parsed.created).toBeNull();
  });

  it("counts the filters that narrow the list", () => {
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...EMPTY_FILTERS, q: "acme", grade: ["A"], overdue: true })).toBe(2);
  });
});

describe("the list query", () => {
  it("sends lists as comma lists and leaves out a search that is too short", () => {
    const query = listQueryOf({ ...EMPTY_FILTERS, q: "a", grade: ["A", "C"], keyAccount: true });
    expect(query.q).toBeUndefined();
    expect(query.grade).toBe("A,C");
    expect(query.keyAccount).toBe("true");
    expect(listQueryOf({ ...EMPTY_FILTERS, q: " 海曙 " }).q).toBe("海曙");
  });

  it("includes the last day of a date range (the API's upper bound is exclusive)", () => {
    const query = listQueryOf({ ...EMPTY_FILTERS, updated: ["2026-03-01", "2026-03-01"] });
    const from = new Date(String(query.updatedFrom));
    const to = new Date(String(query.updatedTo));
    expect(to.getTime() - from.getTime()).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(from.getDate()).toBe(1);
    expect(to.getDate()).toBe(2);
  });

  it("leaves the order of a search to the server unless the user picked a sort", () => {
    expect(listQueryOf({ ...EMPTY_FILTERS, q: "海天" }).sort).toBeUndefined();
    expect(listQueryOf({ ...EMPTY_FILTERS, q: "海" }).sort).toBe(DEFAULT_SORT);
    expect(listQueryOf({ ...EMPTY_FILTERS, q: "海天", sort: "companyName" }).sort).toBe("companyName");
    expect(listQueryOf(EMPTY_FILTERS).sort).toBe(DEFAULT_SORT);
  });

  it("cycles a column's sort: ascending, descending, default", () => {
    expect(sortFor("companyName", "ascend")).toBe("companyName");
    expect(sortFor("companyName", "descend")).toBe("-companyName");
    expect(sortFor("companyName", null)).toBe(DEFAULT_SORT);
    expect(sortFor("country", "ascend")).toBe(DEFAULT_SORT);
  });
});
