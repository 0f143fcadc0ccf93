/**
 * Worker thread entry: maps a share of a big import's rows (see mapAll in imports.service.ts),
 * so that both cores map at once. Posts the mapped rows back in the order it got them.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Cell } from "@tradewind/domain";
import { type MappingContext, mapWithKeys } from "./row-mapper.ts";

const job = workerData as { context: MappingContext; rows: { cells: Cell[]; row: number }[] };
parentPort!.postMessage(job.rows.map(({ cells, row }) => mapWithKeys(cells, row, job.context)));
