/**
 * The rejected-row reasons in the user's language. The sentences are made by the domain's own
 * parsers (and composed the way the server's row mapper composes them), so a reworded server
 * message makes this test fail instead of silently showing English to a Chinese user.
 */
import { parseCountry, parseDate, parseEmails, parseGrade, parsePhone } from "@tradewind/domain";
import i18n from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import enUS from "../../i18n/en-US.json";
import zhCN from "../../i18n/zh-CN.json";
import { reasonText } from "./importReasons.ts";

/** As the server's row mapper writes a cell's problem: "<header>: <problem> (did you mean <suggestion>?)". */
function cellReason(header: string, result: { problem: string | null; suggestion?: string }): string {
  if (!result.problem) throw new Error("expected a problem");
  return `${header}: ${result.problem}${result.suggestion ? ` (did you mean ${result.suggestion}?)` : ""}`;
}

const zh = i18n.createInstance();
const en = i18n.createInstance();

beforeAll(async () => {
  await zh.init({
    lng: "zh-CN",
    resources: { "zh-CN": { translation: zhCN } },
    interpolation: { escapeValue: false },
  });
  await en.init({
    lng: "en-US",
    resources: { "en-US": { translation: enUS } },
    interpolation: { escapeValue: false },
  });
});

describe("rejected-row reasons", () => {
  it("says a wrong e-mail in Chinese, with the column and the value", () => {
    const reason = cellReason("邮箱", parseEmails("not-an-email"));
    expect(reasonText(reason, zh.t, "zh-CN")).toBe("邮箱：“not-an-email”不是有效的邮箱地址");
    expect(reasonText(reason, en.t, "en-US")).toBe("邮箱: “not-an-email” is not an e-mail address");
  });

  it("names the suggested country in the user's language", () => {
    const reason = cellReason("国家", parseCountry("Germnay"));
    expect(reason).toContain("did you mean Germany (DE)?");
    expect(reasonText(reason, zh.t, "zh-CN")).toBe("国家：无法识别国家“Germnay”（是不是 德国 (DE)？）");
    expect(reasonText(reason, en.t, "en-US")).toBe(
      "国家: unknown country “Germnay” (did you mean Germany (DE)?)",
    );
  });

  it("says unknown classification values with the field's name", () => {
    const reason = cellReason("等级", parseGrade("Z"));
    expect(reasonText(reason, zh.t, "zh-CN")).toBe("等级：无法识别的客户等级“Z”");
  });

  it("explains dates and phones that cannot be read", () => {
    expect(reasonText(cellReason("下次跟进", parseDate("03/05/2026")), zh.t, "zh-CN")).toContain(
      "分不清是 日/月 还是 月/日",
    );
    expect(reasonText(cellReason("下次跟进", parseDate("someday")), zh.t, "zh-CN")).toBe(
      "下次跟进：“someday”不是日期（请写成 2026-03-05 这样的格式）",
    );
    expect(reasonText(cellReason("电话", parsePhone("12", null)), zh.t, "zh-CN")).toContain("没有国家代码");
    expect(reasonText(cellReason("电话", parsePhone("12", "DE")), zh.t, "zh-CN")).toContain(
      "无法识别电话“12”",
    );
  });

  it("says the row-level problems", () => {
    expect(reasonText("missing company name", zh.t, "zh-CN")).toBe("缺少公司名称");
    expect(
      reasonText("missing country (choose a default country for rows without one)", zh.t, "zh-CN"),
    ).toContain("设置默认国家");
    expect(
      reasonText(`业务员: unknown owner "王五" (use a Tradewind user's name or e-mail)`, zh.t, "zh-CN"),
    ).toBe("业务员：系统里没有叫“王五”的同事（请填写同事的姓名或登录邮箱）");
  });

  it("shows a sentence it does not know as the server wrote it", () => {
    expect(reasonText("contacts.0.name: Too long", zh.t, "zh-CN")).toBe("contacts.0.name: Too long");
    expect(reasonText("something new", zh.t, "zh-CN")).toBe("something new");
  });
});
