/**
 * The durable job runner: jobs are rows, so they survive restarts and are shared by all server
 * instances. A job is claimed by one atomic UPDATE (with FOR UPDATE SKIP LOCKED on PostgreSQL),
 * so two instances never run the same job. Recurring jobs are enqueued from cron expressions
 * with a dedupe key per occurrence, so two instances enqueue each occurrence once. A failed job
 * is retried with exponential backoff and keeps its last error; a job whose runner died is
 * taken up again after its lease runs out.
 */
import { Cron } from "croner";
import type { FastifyBaseLogger } from "fastify";
import { type Kysely, sql } from "kysely";
import { type Clock, isoNow } from "../clock.ts";
import type { Dialect } from "../db/dialect.ts";
import type { DB, JobsTable } from "../db/schema.ts";
import { newId } from "../ids.ts";

export type JobHandler = (payload: unknown, job: { id: string; attempt: number }) => Promise<void>;

export interface RecurringJob {
  name: string;
  /** Cron expression in UTC, e.g. "*\/15 * * * *". */
  cron: string;
}

export interface JobRunnerDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  logger: Pick<FastifyBaseLogger, "info" | "warn" | "error">;
  handlers: Record<string, JobHandler>;
  recurring?: RecurringJob[];
  workerId?: string;
  pollMs?: number;
  /** How long a claimed job may run before another runner may take it over. */
  leaseMs?: number;
  baseBackoffMs?: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

export type JobRunner = ReturnType<typeof createJobRunner>;

export function createJobRunner(deps: JobRunnerDeps) {
  const { db, clock, logger } = deps;
  const workerId = deps.workerId ?? `worker-${newId()}`;
  const pollMs = deps.pollMs ?? 2_000;
  const leaseMs = deps.leaseMs ?? 10 * 60_000;
  const baseBackoffMs = deps.baseBackoffMs ?? 30_000;
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let inFlight: Promise<unknown> = Promise.resolve();
  let kicked = false;
  let loop: () => void = () => {};

  async function enqueue(
    name: string,
    payload: unknown = {},
    options: EnqueueOptions = {},
    tx: Kysely<DB> = db,
  ) {
    const now = isoNow(clock);
    const row: JobsTable = {
      id: newId(),
      name,
      payload: JSON.stringify(payload),
      status: "queued",
      runAt: (options.runAt ?? clock.now()).toISOString(),
      attempts: 0,
      maxAttempts: options.maxAttempts ?? 5,
      lastError: null,
      lockedBy: null,
      lockedAt: null,
      dedupeKey: options.dedupeKey ?? null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    await tx
      .insertInto("jobs")
      .values(row)
      .onConflict((oc) => oc.column("dedupeKey").doNothing())
      .execute();
    return row.id;
  }

  /** Makes sure the next occurrence of every recurring job is queued. */
  async function scheduleRecurring(): Promise<void> {
    for (const job of deps.recurring ?? []) {
      const next = new Cron(job.cron, { timezone: "UTC", paused: true }).nextRun(clock.now());
      if (!next) continue;
      await enqueue(
        job.name,
        {},
        { runAt: next, dedupeKey: `${job.name}@${next.toISOString()}`, maxAttempts: 3 },
      );
    }
  }

  async function claim(): Promise<JobsTable | undefined> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const leaseExpired = new Date(now.getTime() - leaseMs).toISOString();
    const result = await sql<JobsTable>`
      UPDATE jobs SET status = 'running', locked_by = ${workerId}, locked_at = ${nowIso},
             attempts = attempts + 1, updated_at = ${nowIso}
      WHERE id = (
        SELECT id FROM jobs
        WHERE (status = 'queued' AND run_at <= ${nowIso})
           OR (status = 'running' AND locked_at < ${leaseExpired})
        ORDER BY run_at, id
        LIMIT 1
        ${deps.dialect.skipLocked}
      )
      RETURNING *`.execute(db);
    return result.rows[0];
  }

  async function runOne(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    const handler = deps.handlers[job.name];
    const finishedAt = isoNow(clock);
    try {
      if (!handler) throw new Error(`No handler for job "${job.name}"`);
      await handler(JSON.parse(job.payload), { id: job.id, attempt: job.attempts });
      await db
        .updateTable("jobs")
        .set({ status: "done", finishedAt: isoNow(clock), updatedAt: isoNow(clock), lockedBy: null })
        .where("id", "=", job.id)
        .where("lockedBy", "=", workerId)
        .execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = job.attempts < job.maxAttempts;
      const runAt = new Date(clock.now().getTime() + baseBackoffMs * 2 ** (job.attempts - 1)).toISOString();
      logger.warn(
        { job: job.name, jobId: job.id, attempt: job.attempts, err: message },
        retry ? "job failed; will retry" : "job failed",
      );
      await db
        .updateTable("jobs")
        .set({
          status: retry ? "queued" : "failed",
          runAt: retry ? runAt : job.runAt,
          lastError: message.slice(0, 2000),
          lockedBy: null,
          lockedAt: null,
          updatedAt: finishedAt,
          finishedAt: retry ? null : finishedAt,
        })
        .where("id", "=", job.id)
        .where("lockedBy", "=", workerId)
        .execute();
    }
    return true;
  }

  /** Runs due jobs until none is left; returns how many ran. Used by the poller and by tests. */
  async function runDue(max = 1000): Promise<number> {
    let ran = 0;
    while (ran < max && !stopping && (await runOne())) ran++;
    return ran;
  }

  async function tick(): Promise<void> {
    try {
      await scheduleRecurring();
      await runDue();
    } catch (error) {
      logger.error({ err: error }, "job runner tick failed");
    }
  }

  return {
    workerId,
    enqueue,
    scheduleRecurring,
    runDue,
    start(): void {
      if (timer) return;
      stopping = false;
      loop = () => {
        inFlight = tick().finally(() => {
          if (!stopping) timer = setTimeout(loop, pollMs);
        });
      };
      timer = setTimeout(loop, 0);
    },
    /** Looks for due jobs now instead of at the next poll (after enqueueing work a user waits for). */
    kick(): void {
      if (!timer || stopping || kicked) return;
      kicked = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        kicked = false;
        inFlight = inFlight.then(tick).finally(() => {
          if (!stopping && timer) {
            clearTimeout(timer);
            timer = setTimeout(loop, pollMs);
          }
        });
      }, 0);
    },
    /** Stops polling and waits for the job in hand to finish. */
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
