/**
 * Writes the export workbook with ExcelJS's streaming writer: the customers sheet (header frozen,
 * column widths, dates as dates, money with two decimals) and, when asked, a sheet of all
 * contacts. It runs in a worker thread (workbook.worker.ts) while the export job reads the next
 * customers from the database: the two halves of an export take about as long as each other, and
 * run side by side on two cores.
 */
import { PassThrough } from "node:stream";
import { EXPORT_HEADERS, type ExportColumn } from "@tradewind/domain";
import ExcelJS from "exceljs";

export type CellValue = string | number | Date | null;

export interface WorkbookLayout {
  locale: "zh-CN" | "en-US";
  columns: ExportColumn[];
  /** Whether a second sheet lists every contact. */
  contactsSheet: boolean;
}

/** A contact's row on the contacts sheet: company, name, title, e-mails, phones, WhatsApp, WeChat, primary. */
export type ContactCells = [
  string,
  string,
  string | null,
  string,
  string,
  string | null,
  string | null,
  string,
];

export function createWorkbookWriter(layout: WorkbookLayout) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useSharedStrings: false,
    useStyles: true,
  });
  const zh = layout.locale === "zh-CN";
  const { columns } = layout;
  const sheet = workbook.addWorksheet(zh ? "客户" : "Customers", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: zh ? EXPORT_HEADERS[column].zh : EXPORT_HEADERS[column].en,
    key: column,
    width: WIDTHS[column] ?? 16,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  // One style object per column, set on each of its cells: ExcelJS recognises an object it has
  // seen and skips working the style out again, which otherwise is half of the time of writing
  // 100,000 rows (each new cell gets a fresh copy of its column's style).
  const cellStyles = columns.map((column) =>
    DATE_COLUMNS.has(column) ? DATE_STYLE : column === "creditLimit" ? MONEY_STYLE : PLAIN_STYLE,
  );
  const contacts = layout.contactsSheet
    ? workbook.addWorksheet(zh ? "联系人" : "Contacts", { views: [{ state: "frozen", ySplit: 1 }] })
    : null;
  if (contacts) {
    contacts.columns = [
      { header: zh ? "公司名称" : "Company name", width: 36 },
      { header: zh ? "联系人" : "Contact", width: 22 },
      { header: zh ? "职位" : "Title", width: 20 },
      { header: zh ? "邮箱" : "E-mail", width: 30 },
      { header: zh ? "电话" : "Phone", width: 22 },
      { header: "WhatsApp", width: 18 },
      { header: zh ? "微信" : "WeChat", width: 16 },
      { header: zh ? "主联系人" : "Primary", width: 10 },
    ];
    contacts.getRow(1).font = { bold: true };
    contacts.getRow(1).commit();
  }

  return {
    /** Text goes in as string cells, never as formulas: "=HYPERLINK(...)" in a company name stays text. */
    addCustomers(rows: CellValue[][]): void {
      for (const values of rows) {
        const row = sheet.addRow(values);
        for (let column = 0; column < columns.length; column++)
          row.getCell(column + 1).style = cellStyles[column]!;
        row.commit();
      }
    },
    addContacts(rows: ContactCells[]): void {
      if (!contacts) return;
      for (const values of rows) contacts.addRow(values).commit();
    },
    async finish(): Promise<Buffer> {
      sheet.commit();
      contacts?.commit();
      await workbook.commit();
      await finished;
      return Buffer.concat(chunks);
    },
  };
}

const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: "yyyy-mm-dd" };
const MONEY_STYLE: Partial<ExcelJS.Style> = { numFmt: "#,##0.00" };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};

const DATE_COLUMNS = new Set<ExportColumn>([
  "expectedCloseDate",
  "nextActionDate",
  "lastFollowUpAt",
  "createdAt",
  "updatedAt",
]);
const WIDTHS: Partial<Record<ExportColumn, number>> = {
  companyName: 36,
  localName: 28,
  address: 36,
  website: 28,
  notes: 40,
  contactEmail: 30,
  tags: 24,
  nextAction: 28,
};
