/** The export's default columns follow the list's visible columns; its filters are the list's query. */
import { EXPORT_COLUMNS } from "@tradewind/domain";
import { describe, expect, it } from "vitest";
import { defaultExportColumns, exportFilters, exportHeader } from "./exportColumns.ts";

describe("export columns", () => {
  it("maps the list's visible columns to the export's, in the export's order", () => {
    expect(defaultExportColumns(["company", "primaryContact", "grade"])).toEqual([
      "companyName",
      "localName",
      "grade",
      "contactName",
      "contactEmail",
      "contactPhone",
    ]);
  });

  it("offers every column when none of the list's match", () => {
    expect(defaultExportColumns([])).toEqual([...EXPORT_COLUMNS]);
  });

  it("names a column as the file will", () => {
    expect(exportHeader("grade", "zh-CN")).toBe("客户等级");
    expect(exportHeader("grade", "en-US")).toBe("Grade");
  });

  it("sends the list's filters and sort, without paging", () => {
    expect(
      exportFilters({
        sort: "-createdAt",
        q: "alpha",
        grade: "A,B",
        limit: 50,
        cursor: "x",
        overdue: undefined,
      }),
    ).toEqual({ sort: "-createdAt", q: "alpha", grade: "A,B" });
  });
});
