/** Worker thread entry: reads one spreadsheet and posts the result (or the reason it cannot be read). */
import { parentPort, workerData } from "node:worker_threads";
import { type ReadLimits, readSpreadsheet, SpreadsheetError, type TextEncoding } from "./spreadsheet.ts";

interface Job {
  bytes: Uint8Array;
  fileName: string;
  options: { encoding?: TextEncoding; sheet?: number };
  limits: ReadLimits;
}

const job = workerData as Job;
try {
  parentPort!.postMessage({
    ok: true,
    result: readSpreadsheet(job.bytes, job.fileName, job.options, job.limits),
  });
} catch (error) {
  parentPort!.postMessage({
    ok: false,
    code: error instanceof SpreadsheetError ? error.code : "damaged",
    message:
      error instanceof SpreadsheetError
        ? error.message
        : "This file could not be read. Open it in Excel and save it again as .xlsx.",
  });
}
