/**
 * Runs the spreadsheet reader in a worker thread with a time and memory limit: a hostile or
 * pathological file costs one worker, which is killed on timeout, never the server's event loop.
 */
import { Worker } from "node:worker_threads";
import {
  DEFAULT_READ_LIMITS,
  type ReadLimits,
  type ReadResult,
  SpreadsheetError,
  type TextEncoding,
} from "./spreadsheet.ts";

// From source (tests, `npm run dev`) the worker is TypeScript run through tsx; in the built
// server it is the bundled reader.worker.js beside main.js.
const fromSource = import.meta.url.endsWith(".ts");
const workerUrl = new URL(fromSource ? "./reader.worker.ts" : "./reader.worker.js", import.meta.url);

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
    // Node 20 does not apply --import hooks to a worker's entry module: register tsx first.
    const worker = fromSource
      ? new Worker(
          `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`,
          {
            eval: true,
            workerData,
            resourceLimits,
          },
        )
      : new Worker(workerUrl, { workerData, resourceLimits });
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
