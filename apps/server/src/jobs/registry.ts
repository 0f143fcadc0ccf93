/** The jobs Tradewind runs, by name, and which of them recur. Later areas add theirs here. */
import type { Services } from "../services.ts";
import type { JobHandler, RecurringJob } from "./runner.ts";

export function jobHandlers(services: Services): Record<string, JobHandler> {
  return {
    "sessions.cleanup": async () => {
      await services.auth.deleteExpired();
    },
  };
}

export const RECURRING_JOBS: RecurringJob[] = [{ name: "sessions.cleanup", cron: "*/15 * * * *" }];
