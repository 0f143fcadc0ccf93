import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../clock.ts";
import { type Database, openDatabase } from "../db/database.ts";
import { createTestDatabase, engine, type TestDatabase, testDatabaseUrl } from "../test/harness.ts";
import { createJobRunner, type JobHandler } from "./runner.ts";

const silent = { info() {}, warn() {}, error() {} };

describe(`job runner (${engine})`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.drop());

  function runner(
    database: Database,
    handlers: Record<string, JobHandler>,
    clock = manualClock("2026-03-01T00:00:00Z"),
    workerId?: string,
  ) {
    return createJobRunner({
      db: database.db,
      dialect: database.dialect,
      clock,
      logger: silent,
      handlers,
      workerId,
      baseBackoffMs: 1000,
      recurring: [{ name: "nightly", cron: "0 2 * * *" }],
    });
  }

  it("runs a due job once and leaves a future job alone", async () => {
    const clock = manualClock("2026-03-01T00:00:00Z");
    const seen: unknown[] = [];
    const jobs = runner(test.database, { echo: async (payload) => void seen.push(payload) }, clock);
    await jobs.enqueue("echo", { n: 1 });
    await jobs.enqueue("echo", { n: 2 }, { runAt: new Date("2026-03-02T00:00:00Z") });
    expect(await jobs.runDue()).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await jobs.runDue()).toBe(0);
    clock.advance(24 * 3600_000);
    expect(await jobs.runDue()).toBe(1);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("retries a failing job with growing backoff, keeps its error, and gives up after the last attempt", async () => {
    const clock = manualClock("2026-03-01T00:00:00Z");
    let calls = 0;
    const jobs = runner(
      test.database,
      {
        flaky: async () => {
          calls++;
          throw new Error(`supplier portal down (${calls})`);
        },
      },
      clock,
    );
    const id = await jobs.enqueue("flaky", {}, { maxAttempts: 3 });
    await jobs.runDue();
    let row = await test.database.db
      .selectFrom("jobs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "queued", attempts: 1, lastError: "supplier portal down (1)" });
    expect(new Date(row.runAt).getTime() - clock.now().getTime()).toBe(1000);
    clock.advance(1000);
    await jobs.runDue();
    row = await test.database.db
      .selectFrom("jobs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.runAt).getTime() - clock.now().getTime()).toBe(2000);
    clock.advance(2000);
    await jobs.runDue();
    row = await test.database.db
      .selectFrom("jobs")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: "supplier portal down (3)" });
    clock.advance(3600_000);
    expect(await jobs.runDue()).toBe(0);
    expect(calls).toBe(3);
  });

  it("takes over a job whose runner died, after the lease", async () => {
    const clock = manualClock("2026-03-01T00:00:00Z");
    let ran = 0;
    const jobs = runner(test.database, { work: async () => void ran++ }, clock);
    const id = await jobs.enqueue("work");
    await test.database.db
      .updateTable("jobs")
      .set({ status: "running", lockedBy: "dead-worker", lockedAt: clock.now().toISOString(), attempts: 1 })
      .where("id", "=", id)
      .execute();
    expect(await jobs.runDue()).toBe(0);
    clock.advance(11 * 60_000);
    expect(await jobs.runDue()).toBe(1);
    expect(ran).toBe(1);
  });

  it("enqueues each occurrence of a recurring job once, however many instances schedule it", async () => {
    const clock = manualClock("2026-03-01T10:00:00Z");
    const a = runner(test.database, {}, clock, "a");
    const b = runner(test.database, {}, clock, "b");
    await Promise.all([a.scheduleRecurring(), b.scheduleRecurring(), a.scheduleRecurring()]);
    const rows = await test.database.db
      .selectFrom("jobs")
      .select(["runAt", "dedupeKey"])
      .where("name", "=", "nightly")
      .execute();
    expect(rows).toEqual([
      { runAt: "2026-03-02T02:00:00.000Z", dedupeKey: "nightly@2026-03-02T02:00:00.000Z" },
    ]);
  });

  it("two runners on one database run each job exactly once", async () => {
    const second = testDatabaseUrl
      ? openDatabase({ kind: "postgres", url: testDatabaseUrl, schema: test.database.schema!, poolSize: 4 })
      : test.database;
    const clock = manualClock("2026-03-01T00:00:00Z");
    const runs = new Map<string, number>();
    const handler: JobHandler = async (_payload, job) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 1));
    };
    const one = runner(test.database, { count: handler }, clock, "one");
    const two = runner(second, { count: handler }, clock, "two");
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await one.enqueue("count", { i }));
    const [ranByOne, ranByTwo] = await Promise.all([one.runDue(), two.runDue()]);
    expect(ranByOne + ranByTwo).toBe(60);
    expect(ids.every((id) => runs.get(id) === 1)).toBe(true);
    if (testDatabaseUrl) {
      // On PostgreSQL the two really run side by side.
      expect(ranByOne).toBeGreaterThan(0);
      expect(ranByTwo).toBeGreaterThan(0);
      await second.close();
    }
  });
});
