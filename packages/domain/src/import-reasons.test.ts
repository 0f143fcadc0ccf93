/**
 * The rejected-row reasons in the user's language. The sentences are made by the domain's own
 * parsers (and composed the way the server's row mapper composes them), so a reworded server
 * message makes this test fail instead of silently showing English to a Chinese user.
 */
import { describe, expect, it } from "vitest";
import { describeImportReason } from "./import-reasons.ts";
import { parseCountry, parseDate, parseEmails, parseGrade, parsePhone } from "./imports.ts";

/** As the server's row mapper writes a cell's problem: "<header>: <problem> (did you mean <suggestion>?)". */
function cellReason(header: string, result: { problem: string | null; suggestion?: string }): string {
  if (!result.problem) throw new Error("expected a problem");
  return `${header}: ${result.problem}${result.suggestion ? ` (did you mean ${result.suggestion}?)` : ""}`;
}

const zh = (reason: string) => describeImportReason(reason, "zh-CN");
const en = (reason: string) => describeImportReason(reason, "en-US");

describe("rejected-row reasons", () => {
  it("says a wrong e-mail in Chinese, with the column and the value", () => {
    const reason = cellReason("邮箱", parseEmails("not-an-email"));
    expect(zh(reason)).toBe("邮箱：“not-an-email”不是有效的邮箱地址");
    expect(en(reason)).toBe("邮箱: “not-an-email” is not an e-mail address");
  });

  it("names the suggested country in the user's language", () => {
    const reason = cellReason("国家", parseCountry("Germnay"));
    expect(reason).toContain("did you mean Germany (DE)?");
    expect(zh(reason)).toBe("国家：无法识别国家“Germnay”（是不是 德国 (DE)？）");
    expect(en(reason)).toBe("国家: unknown country “Germnay” (did you mean Germany (DE)?)");
  });

  it("says unknown classification values with the field's name", () => {
    const reason = cellReason("等级", parseGrade("Z"));
    expect(zh(reason)).toBe("等级：无法识别的客户等级“Z”");
    expect(en(reason)).toBe("等级: unknown grade “Z”");
  });

  it("explains dates and phones that cannot be read", () => {
    expect(zh(cellReason("下次跟进", parseDate("03/05/2026")))).toContain("分不清是 日/月 还是 月/日");
    expect(zh(cellReason("下次跟进", parseDate("someday")))).toBe(
      "下次跟进：“someday”不是日期（请写成 2026-03-05 这样的格式）",
    );
    expect(zh(cellReason("电话", parsePhone("12", null)))).toContain("没有国家代码");
    expect(zh(cellReason("电话", parsePhone("12", "DE")))).toContain("无法识别电话“12”");
  });

  it("says the row-level problems", () => {
    expect(zh("missing company name")).toBe("缺少公司名称");
    expect(zh("missing country (choose a default country for rows without one)")).toContain("设置默认国家");
    expect(zh(`业务员: unknown owner "王五" (use a Tradewind user's name or e-mail)`)).toBe(
      "业务员：系统里没有叫“王五”的同事（请填写同事的姓名或登录邮箱）",
    );
  });

  it("shows a sentence it does not know as the server wrote it", () => {
    expect(zh("contacts.0.name: Too long")).toBe("contacts.0.name: Too long");
    expect(zh("something new")).toBe("something new");
  });
});
