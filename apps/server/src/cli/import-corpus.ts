/**
 * `npm run import:corpus -- <folder>`: runs the importer's reader, header detection and column
 * mapping over every file in a folder (recursively) and prints, per file, its sheets, the rows
 * it read, the rows a second, independent reader counts, and any error. A file that crashes the
 * reader or makes it hang fails the run (exit 1); a file refused with a clear message does not.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import XLSX from "@e965/xlsx";
import { autoMap, detectHeaderRow } from "@tradewind/domain";
import ExcelJS from "exceljs";
import { readInWorker } from "../modules/imports/reader.ts";
import { decodeText, detectEncoding, SpreadsheetError } from "../modules/imports/spreadsheet.ts";

const EXTENSIONS = new Set([".xls", ".xlsx", ".csv", ".tsv"]);

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return files(path);
    return EXTENSIONS.has(extname(name).toLowerCase()) ? [path] : [];
  });
}

/** Rows with at least one value, counted by ExcelJS (xlsx), a plain CSV scanner, or the BIFF8 records themselves (xls). */
async function secondCount(path: string, bytes: Buffer, sheetIndex: number): Promise<number | string> {
  const extension = extname(path).toLowerCase();
  if (extension === ".xlsx") {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[sheetIndex];
    if (!sheet) return 0;
    let count = 0;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if ((row.values as unknown[]).some((v) => v !== null && v !== undefined && String(v).trim() !== ""))
        count++;
    });
    return count;
  }
  if (extension === ".csv" || extension === ".tsv") {
    const text = decodeText(new Uint8Array(bytes), detectEncoding(new Uint8Array(bytes)));
    let count = 0;
    let quoted = false;
    let filled = false;
    for (const char of text) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === "\n") {
        if (filled) count++;
        filled = false;
      } else if (!quoted && (char === "," || char === "\t" || char === "\r" || char === " ")) continue;
      else filled = true;
    }
    return filled ? count + 1 : count;
  }
  return biffRows(bytes, sheetIndex);
}

/** Counts rows holding cell records in one worksheet of a BIFF8 workbook, reading the records directly. */
function biffRows(bytes: Buffer, sheetIndex: number): number | string {
  const container = XLSX.CFB.read(bytes, { type: "buffer" });
  const entry = XLSX.CFB.find(container, "Workbook") ?? XLSX.CFB.find(container, "Book");
  if (!entry?.content) return "n/a (not BIFF)";
  const stream = Buffer.from(entry.content as Uint8Array);
  const sheets: number[] = [];
  let offset = 0;
  while (offset + 4 <= stream.length) {
    const type = stream.readUInt16LE(offset);
    const size = stream.readUInt16LE(offset + 2);
    if (type === 0x0085) sheets.push(stream.readUInt32LE(offset + 4));
    if (type === 0x000a) break;
    offset += 4 + size;
  }
  const start = sheets[sheetIndex];
  if (start === undefined) return 0;
  const rows = new Set<number>();
  const CELLS = new Set([0x00fd, 0x0203, 0x027e, 0x00bd, 0x0006, 0x0205, 0x0204, 0x00d6]);
  offset = start;
  while (offset + 4 <= stream.length) {
    const type = stream.readUInt16LE(offset);
    const size = stream.readUInt16LE(offset + 2);
    if (type === 0x000a) break;
    if (CELLS.has(type) && size >= 2) rows.add(stream.readUInt16LE(offset + 4));
    offset += 4 + size;
  }
  return rows.size;
}

async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) {
    console.error("Usage: npm run import:corpus -- <folder>");
    process.exit(2);
  }
  let failures = 0;
  const list = files(folder);
  console.log(`${list.length} files under ${folder}\n`);
  console.log(
    `${"file".padEnd(72)} ${"sheets".padEnd(28)} ${"rows".padStart(6)} ${"2nd".padStart(8)}  header / mapped / note`,
  );
  for (const path of list) {
    const bytes = readFileSync(path);
    const name = relative(folder, path);
    try {
      const result = await readInWorker(new Uint8Array(bytes), path, {}, { timeoutMs: 30_000 });
      const filled = result.rows.filter((row) =>
        row.some((cell) => cell !== null && String(cell).trim() !== ""),
      ).length;
      const second = await secondCount(path, bytes, result.sheetIndex).catch(
        (error: unknown) => `error: ${error instanceof Error ? error.message : error}`,
      );
      const header = detectHeaderRow(result.rows);
      const mapped =
        header >= 0
          ? autoMap((result.rows[header] ?? []).map((c) => (c === null ? "" : String(c)))).filter(Boolean)
              .length
          : 0;
      const sheets = result.sheets.map((s) => `${s.name}${s.hidden ? "(hidden)" : ""}:${s.rows}`).join(" ");
      const agree = typeof second === "number" ? (second === filled ? "" : "  ROW COUNTS DIFFER") : "";
      console.log(
        `${name.slice(0, 72).padEnd(72)} ${sheets.slice(0, 28).padEnd(28)} ${String(filled).padStart(6)} ${String(second).slice(0, 8).padStart(8)}  ${header >= 0 ? `row ${header + 1}` : "none"} / ${mapped}${result.encoding ? ` / ${result.encoding}` : ""}${agree}`,
      );
    } catch (error) {
      if (error instanceof SpreadsheetError) {
        console.log(`${name.slice(0, 72).padEnd(72)} refused (${error.code}): ${error.message}`);
      } else {
        failures++;
        console.log(
          `${name.slice(0, 72).padEnd(72)} FAILED: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
  console.log(`\n${list.length} files, ${failures} failures (crash or hang)`);
  process.exit(failures > 0 ? 1 : 0);
}

void main();
