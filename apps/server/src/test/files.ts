/** Spreadsheets built in code for tests (never copied from elsewhere), and multipart uploads. */
import XLSX from "@e965/xlsx";
import type { App } from "../http/types.ts";
import type { Caller } from "./harness.ts";

export type Row = (string | number | boolean | Date | null)[];

export function workbookBytes(
  rows: Row[],
  bookType: "xls" | "xlsx",
  options: {
    date1904?: boolean;
    sheetName?: string;
    extraSheets?: { name: string; rows: Row[]; hidden?: boolean }[];
  } = {},
): Uint8Array {
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    workbook,
    XLSX.utils.aoa_to_sheet(rows, { cellDates: true }),
    options.sheetName ?? "客户",
  );
  for (const extra of options.extraSheets ?? [])
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(extra.rows), extra.name);
  workbook.Workbook = {
    WBProps: { date1904: options.date1904 ?? false },
    Sheets: [{ Hidden: 0 }, ...(options.extraSheets ?? []).map((s) => ({ Hidden: s.hidden ? 1 : 0 }))],
  } as XLSX.WorkBook["Workbook"];
  return new Uint8Array(XLSX.write(workbook, { type: "array", bookType }) as ArrayBuffer);
}

export function multipart(
  fileName: string,
  bytes: Uint8Array,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tradewind${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), tail]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

export function upload(app: App, caller: Caller, fileName: string, bytes: Uint8Array) {
  const body = multipart(fileName, bytes);
  return app.inject({
    method: "POST",
    url: "/api/imports",
    headers: { ...caller.headers, ...body.headers },
    payload: body.payload,
  });
}
