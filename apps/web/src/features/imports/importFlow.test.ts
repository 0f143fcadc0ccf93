/** The check-and-map step's rules: what is sent for the next preview, one field per column, column letters. */
import { IMPORT_FIELDS, type ImportPreview, type ImportSettings } from "@tradewind/domain";
import { describe, expect, it } from "vitest";
import { assignField, columnLetter, OFFERED_FIELDS, sampleValues, settingsAfter } from "./importFlow.ts";

const settings: ImportSettings = {
  sheet: 0,
  headerRow: 1,
  mapping: ["companyName", "country", null],
  keepUnmappedAsNotes: true,
  duplicates: "skip",
  defaultCountry: null,
};

describe("settings for the next preview", () => {
  it("asks for a fresh mapping when the header row or sheet changes", () => {
    expect(settingsAfter(settings, { kind: "headerRow", headerRow: 3 })).toEqual({
      keepUnmappedAsNotes: true,
      duplicates: "skip",
      defaultCountry: null,
      sheet: 0,
      headerRow: 3,
    });
    const sheet = settingsAfter(settings, { kind: "sheet", sheet: 2 });
    expect(sheet).not.toHaveProperty("mapping");
    expect(sheet).not.toHaveProperty("headerRow");
    expect(sheet.sheet).toBe(2);
  });

  it("sends a changed mapping with its header row, so the server keeps it", () => {
    const next = settingsAfter(settings, { kind: "mapping", mapping: ["companyName", "country", "wechat"] });
    expect(next.headerRow).toBe(1);
    expect(next.mapping).toEqual(["companyName", "country", "wechat"]);
  });

  it("keeps the mapping when only a rule changes", () => {
    expect(settingsAfter(settings, { kind: "rules", duplicates: "update" })).toEqual({
      ...settings,
      duplicates: "update",
    });
  });

  it("reads a CSV again in another encoding, finding its header again", () => {
    const next = settingsAfter({ ...settings, encoding: "utf-8" }, { kind: "encoding", encoding: "gb18030" });
    expect(next).toMatchObject({ encoding: "gb18030", sheet: 0 });
    expect(next).not.toHaveProperty("headerRow");
  });
});

describe("one field per column", () => {
  it("takes the field away from the column that had it", () => {
    expect(assignField(["contactEmail", null, "country"], 1, "contactEmail")).toEqual({
      mapping: [null, "contactEmail", "country"],
      released: 0,
    });
    expect(assignField(["contactEmail", null], 0, null)).toEqual({ mapping: [null, null], released: null });
  });
});

describe("helpers", () => {
  it("names columns as spreadsheets do", () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("offers every importable field exactly once", () => {
    expect([...OFFERED_FIELDS].sort()).toEqual([...IMPORT_FIELDS].sort());
  });

  it("takes sample values from the rows under the header", () => {
    const preview = {
      settings,
      topRows: [
        ["Title", null],
        ["客户名称", "国家"],
        ["Alpha", "德国"],
        ["", "UK"],
        ["Beta", null],
      ],
    } as unknown as ImportPreview;
    expect(sampleValues(preview, 0)).toEqual(["Alpha", "Beta"]);
    expect(sampleValues(preview, 1)).toEqual(["德国", "UK"]);
  });
});
