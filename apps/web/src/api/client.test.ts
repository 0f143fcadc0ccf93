/** File names of downloads: Chinese names travel only in the UTF-8 form of Content-Disposition. */
import { describe, expect, it } from "vitest";
import { fileNameOf } from "./client.ts";

describe("download file names", () => {
  it("prefers the UTF-8 name", () => {
    expect(
      fileNameOf(
        `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent("客户列表-2026-05-01.xlsx")}`,
        "x.xlsx",
      ),
    ).toBe("客户列表-2026-05-01.xlsx");
  });

  it("falls back to the plain name, then to the caller's", () => {
    expect(fileNameOf(`attachment; filename="rejected.xlsx"`, "x.xlsx")).toBe("rejected.xlsx");
    expect(fileNameOf(null, "x.xlsx")).toBe("x.xlsx");
    expect(fileNameOf("attachment", "x.xlsx")).toBe("x.xlsx");
  });
});
