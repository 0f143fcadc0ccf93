/** The blank customer import template: the headers the importer knows, and a sheet explaining them. */
import { DERIVED_EXPORT_COLUMNS, EXPORT_COLUMNS, EXPORT_HEADERS, type ExportColumn } from "@tradewind/domain";
import ExcelJS from "exceljs";

/** Every column an export writes, except the derived ones an import reads past. */
const COLUMNS: ExportColumn[] = EXPORT_COLUMNS.filter((column) => !DERIVED_EXPORT_COLUMNS.includes(column));

const HELP: Record<"zh-CN" | "en-US", [string, string][]> = {
  "zh-CN": [
    ["公司名称", "必填。同一客户只写一行。"],
    ["国家", "必填。中文名、英文名或两位代码均可，如：德国、Germany、DE。"],
    ["业务员", "填写 Tradewind 用户的姓名或邮箱；留空则归导入人。"],
    ["成交状态", "已成交 / 正在谈判 / 潜在"],
    ["需求程度", "目标客户 / 潜在客户 / 死亡客户"],
    ["客户等级", "A–E；留空则按需求和预计成交日期建议。"],
    ["日期", "如 2024-03-05、2024/3/5、2024年3月5日，或 Excel 日期格式。"],
    ["电话", "国际格式，如 +49 30 1234567；只写本地号码时按国家补全。"],
    ["其他列", "不认识的列可作为备注保留。"],
  ],
  "en-US": [
    ["Company name", "Required. One row per customer."],
    ["Country", "Required. Chinese or English name, or the two-letter code: 德国, Germany, DE."],
    ["Owner", "A Tradewind user's name or e-mail; empty means the person importing."],
    ["Deal status", "Closed / Negotiating / Potential"],
    ["Demand", "Target / Potential / Dead"],
    ["Grade", "A–E; empty means suggested from demand and expected close date."],
    ["Dates", "e.g. 2024-03-05, 2024/3/5, 5 Mar 2024, or an Excel date."],
    ["Phone", "International form, e.g. +49 30 1234567; local numbers are completed from the country."],
    ["Other columns", "Columns Tradewind does not know can be kept as notes."],
  ],
};

export async function blankTemplate(locale: "zh-CN" | "en-US"): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? "客户" : "Customers", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: zh ? EXPORT_HEADERS[c].zh : EXPORT_HEADERS[c].en,
    key: c,
    width: 18,
  }));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet(zh ? "填写说明" : "Instructions");
  help.columns = [
    { header: zh ? "列" : "Column", key: "column", width: 20 },
    { header: zh ? "说明" : "How to fill it in", key: "text", width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const [column, text] of HELP[locale]) help.addRow({ column, text });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
