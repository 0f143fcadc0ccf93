/** The jobs Tradewind runs, by name, and which of them recur. Later areas add theirs here. */
import type { Services } from "../services.ts";
import type { JobHandler, RecurringJob } from "./runner.ts";

export function jobHandlers(services: Services): Record<string, JobHandler> {
  return {
    "sessions.cleanup": async () => {
      await services.auth.deleteExpired();
    },
    "customers.classification": async () => {
      await services.customers.recomputeClassification();
    },
    "customers.pool": async () => {
      await services.ownership.recyclePool();
    },
    "customers.searchOptimize": async () => {
      await services.customers.optimizeSearch();
    },
    "imports.run": async (payload) => {
      await services.imports.run((payload as { importId: string }).importId);
    },
    "exports.run": async (payload) => {
      await services.exports.run((payload as { exportId: string }).exportId);
    },
  };
}

/** Times are UTC: 16:05, 16:20 and 16:40 UTC are just after midnight in China. */
export const RECURRING_JOBS: RecurringJob[] = [
  { name: "sessions.cleanup", cron: "*/15 * * * *" },
  { name: "customers.classification", cron: "5 16 * * *" },
  { name: "customers.pool", cron: "20 16 * * *" },
  { name: "customers.searchOptimize", cron: "40 16 * * *" },
];
