/**
 * Reading an uploaded spreadsheet safely: .xls (BIFF8, and the HTML/XML files Excel also saves as
 * .xls), .xlsx, .csv and .tsv. The file's own bytes decide the format, not its name; zip archives
 * are measured before anything is unpacked (zip bombs); CSV text is decoded from UTF-8 (with or
 * without BOM), UTF-16 or GBK/GB18030, detected or chosen by the user. Formulas are read as their
 * cached values, never evaluated. Runs inside a worker thread (see reader.ts).
 */
import XLSX from "@e965/xlsx";
import type { Cell } from "@tradewind/domain";
import iconv from "iconv-lite";

export const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "gb18030"] as const;
export type TextEncoding = (typeof ENCODINGS)[number];

export interface ReadLimits {
  maxRows: number;
  maxUncompressedBytes: number;
  maxZipEntries: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxRows: 200_000,
  maxUncompressedBytes: 400 * 1024 * 1024,
  maxZipEntries: 5_000,
};

export interface SheetInfo {
  name: string;
  hidden: boolean;
  rows: number;
}

export interface ReadResult {
  format: "xls" | "xlsx" | "csv" | "tsv";
  encoding: TextEncoding | null;
  sheets: SheetInfo[];
  sheetIndex: number;
  date1904: boolean;
  rows: Cell[][];
}

export class SpreadsheetError extends Error {
  constructor(
    readonly code: "encrypted" | "damaged" | "unsupported" | "too_large" | "too_many_rows" | "empty",
    message: string,
  ) {
    super(message);
  }
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/**
 * Checks a zip archive's central directory before it is unpacked: the number of entries and the
 * total size they claim once inflated.
 */
export function checkZip(bytes: Uint8Array, limits: ReadLimits): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0)
    throw new SpreadsheetError(
      "damaged",
      "This .xlsx file is damaged (its zip directory is missing). Open it in Excel and save it again.",
    );
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) {
    throw new SpreadsheetError(
      "too_large",
      "This file is too large to import (zip64). Split it into smaller files.",
    );
  }
  if (entries > limits.maxZipEntries) {
    throw new SpreadsheetError(
      "too_large",
      `This file holds ${entries} parts; at most ${limits.maxZipEntries} are accepted.`,
    );
  }
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) {
      throw new SpreadsheetError(
        "damaged",
        "This .xlsx file is damaged. Open it in Excel and save it again.",
      );
    }
    total += view.getUint32(offset + 24, true);
    if (total > limits.maxUncompressedBytes) {
      throw new SpreadsheetError(
        "too_large",
        "This file unpacks to more data than Tradewind accepts. Split it into smaller files.",
      );
    }
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
}

/** The text encoding of a CSV: from its byte-order mark, else UTF-8 if it decodes cleanly, else GB18030. */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  // UTF-16 without a BOM: every other byte of ASCII text is zero.
  const sample = bytes.subarray(0, 2000);
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? zeroOdd++ : zeroEven++;
  if (zeroOdd > sample.length / 4) return "utf-16le";
  if (zeroEven > sample.length / 4) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function sniff(bytes: Uint8Array, fileName: string): ReadResult["format"] {
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return "xlsx";
  if (startsWith(bytes, CFB_MAGIC)) return "xls";
  if (extension === "xlsx")
    throw new SpreadsheetError(
      "damaged",
      "This is not a real .xlsx file (it is not a zip archive). Open it in Excel and save it again as .xlsx.",
    );
  if (extension === "xls") {
    // Excel also saves HTML and XML spreadsheets under .xls; anything else is not a workbook.
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
    if (head.startsWith("<")) return "xls";
    throw new SpreadsheetError(
      "damaged",
      "This .xls file is damaged or is not an Excel workbook. Open it in Excel and save it again.",
    );
  }
  if (extension === "tsv" || extension === "tab") return "tsv";
  if (extension === "csv" || extension === "txt" || extension === "") return "csv";
  throw new SpreadsheetError(
    "unsupported",
    `Files of type .${extension} cannot be imported. Use .xlsx, .xls, .csv or .tsv.`,
  );
}

/** Reads the workbook and one of its sheets (the first visible one unless chosen). */
export function readSpreadsheet(
  bytes: Uint8Array,
  fileName: string,
  options: { encoding?: TextEncoding; sheet?: number } = {},
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): ReadResult {
  if (bytes.length === 0) throw new SpreadsheetError("empty", "The file is empty.");
  const format = sniff(bytes, fileName);
  if (format === "xlsx") checkZip(bytes, limits);
  let encoding: TextEncoding | null = null;
  let workbook: XLSX.WorkBook;
  const common = {
    cellDates: true,
    UTC: true,
    cellFormula: false,
    cellHTML: false,
    cellStyles: false,
    dense: true,
    sheetStubs: false,
  } as const;
  try {
    if (format === "csv" || format === "tsv") {
      encoding = options.encoding ?? detectEncoding(bytes);
      const text = decodeText(bytes, encoding);
      workbook = XLSX.read(text, {
        ...common,
        type: "string",
        raw: true,
        FS: format === "tsv" ? "\t" : undefined,
      });
    } else {
      workbook = XLSX.read(bytes, { ...common, type: "array", sheetRows: limits.maxRows + 50 });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) {
      throw new SpreadsheetError(
        "encrypted",
        "This file is protected with a password. Open it in Excel, remove the password (File › Info › Protect Workbook), save it and upload it again.",
      );
    }
    throw new SpreadsheetError(
      "damaged",
      "This file is damaged or is not a spreadsheet Tradewind can read. Open it in Excel and save it again as .xlsx.",
    );
  }
  const hiddenFlags = workbook.Workbook?.Sheets ?? [];
  const sheets: SheetInfo[] = workbook.SheetNames.map((name, index) => {
    const sheet = workbook.Sheets[name];
    const range = sheet?.["!ref"] ? XLSX.utils.decode_range(sheet["!ref"]) : null;
    return { name, hidden: Boolean(hiddenFlags[index]?.Hidden), rows: range ? range.e.r + 1 : 0 };
  });
  const sheetIndex =
    options.sheet ??
    Math.max(
      0,
      sheets.findIndex((s) => !s.hidden && s.rows > 0),
    );
  const chosen = workbook.Sheets[workbook.SheetNames[sheetIndex] ?? ""];
  if (!chosen) throw new SpreadsheetError("empty", "That sheet does not exist in the file.");
  // range: 0 starts at the sheet's first row, so rows[i] is the row the user sees as i + 1.
  const rows = XLSX.utils.sheet_to_json<Cell[]>(chosen, {
    header: 1,
    raw: true,
    defval: null,
    blankrows: true,
    range: 0,
  });
  if (rows.length > limits.maxRows) {
    throw new SpreadsheetError(
      "too_many_rows",
      `This sheet has ${rows.length} rows; at most ${limits.maxRows} can be imported at once. Split the file.`,
    );
  }
  fillMergedCells(chosen, rows);
  return {
    format,
    encoding,
    sheets,
    sheetIndex,
    date1904: Boolean(workbook.Workbook?.WBProps?.date1904),
    rows: rows.map((row) => row.map(normalizeCell)),
  };
}

/** A merged header cell spreads its text over the columns it covers, so every column gets a name. */
function fillMergedCells(sheet: XLSX.WorkSheet, rows: Cell[][]): void {
  for (const merge of sheet["!merges"] ?? []) {
    if (merge.e.r - merge.s.r > 0) continue;
    const value = rows[merge.s.r]?.[merge.s.c] ?? null;
    for (let c = merge.s.c + 1; c <= merge.e.c; c++) {
      const row = rows[merge.s.r];
      if (row && (row[c] === null || row[c] === undefined)) row[c] = value;
    }
  }
}

function normalizeCell(cell: unknown): Cell {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === "string") return cell.replace(/_x000D_/g, "").trim() || null;
  if (typeof cell === "number" || typeof cell === "boolean") return cell;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell;
  return String(cell);
}
