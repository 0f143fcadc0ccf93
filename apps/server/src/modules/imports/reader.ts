/**
 * Runs the spreadsheet reader in a worker thread with a time and memory limit: a hostile or
 * pathological file costs one worker, which is killed on timeout, never the server's event loop.
 */
import { startWorker } from "../../workers/start-worker.ts";
import {
  DEFAULT_READ_LIMITS,
  type ReadLimits,
  type ReadResult,
  SpreadsheetError,
  type TextEncoding,
} from "./spreadsheet.ts";

export interface ReaderOptions {
  timeoutMs?: number;
  limits?: ReadLimits;
  maxMemoryMb?: number;
}

export function readInWorker(
  bytes: Uint8Array,
  fileName: string,
  options: { encoding?: TextEncoding; sheet?: number } = {},
  reader: ReaderOptions = {},
): Promise<ReadResult> {
  return new Promise((resolve, reject) => {
    const workerData = { bytes, fileName, options, limits: reader.limits ?? DEFAULT_READ_LIMITS };
    const resourceLimits = { maxOldGenerationSizeMb: reader.maxMemoryMb ?? 1536 };
    const worker = startWorker(new URL("./reader.worker.ts", import.meta.url), {
      workerData,
      resourceLimits,
    });
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      action();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new SpreadsheetError(
              "too_large",
              "Reading this file took too long. Split it into smaller files, or save it as .xlsx and try again.",
            ),
          ),
        ),
      reader.timeoutMs ?? 60_000,
    );
    worker.once(
      "message",
      (
        message:
          | { ok: true; result: ReadResult }
          | { ok: false; code: SpreadsheetError["code"]; message: string },
      ) => {
        finish(() =>
          message.ok ? resolve(message.result) : reject(new SpreadsheetError(message.code, message.message)),
        );
      },
    );
    worker.once("error", (error) =>
      finish(() =>
        reject(
          /memory/i.test(error.message)
            ? new SpreadsheetError(
                "too_large",
                "This file needs more memory to read than Tradewind allows. Split it into smaller files.",
              )
            : new SpreadsheetError(
                "damaged",
                "This file could not be read. Open it in Excel and save it again as .xlsx.",
              ),
        ),
      ),
    );
    worker.once("exit", (code) =>
      finish(() => reject(new SpreadsheetError("damaged", `The reader stopped unexpectedly (${code}).`))),
    );
  });
}
