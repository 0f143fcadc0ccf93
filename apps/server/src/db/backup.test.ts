/**
 * Backup while the server writes, then restore: the copy passes SQLite's integrity check and
 * holds a consistent state (every transaction wholly in or wholly out). SQLite only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { manualClock } from "../clock.ts";
import { seedDemo } from "../demo/seed.ts";
import { createServices } from "../services.ts";
import { engine } from "../test/harness.ts";
import { backupSqlite, restoreSqlite } from "./backup.ts";
import { migrateToLatest, openDatabase } from "./database.ts";

const dir = mkdtempSync(join(tmpdir(), "tradewind-backup-"));
const sqliteModule = createRequire(import.meta.url).resolve("better-sqlite3");

/** Writes pairs of rows (a job and a setting) in one transaction each, until told to stop. */
const WRITER = `
const { parentPort, workerData } = require("node:worker_threads");
const SQLite = require(workerData.sqliteModule);
const db = new SQLite(workerData.file);
db.pragma("busy_timeout = 5000");
const job = db.prepare("insert into jobs (id, name, payload, status, run_at, created_at, updated_at) values (?, 'load', '{}', 'done', ?, ?, ?)");
const setting = db.prepare("insert into settings (key, value, updated_at) values (?, '1', ?)");
const pair = db.transaction((i) => { const now = new Date().toISOString(); job.run("job-" + i, now, now, now); setting.run("load." + i, now); });
let i = 0; let stop = false;
parentPort.on("message", () => { stop = true; });
(function loop() { for (let k = 0; k < 20; k++) pair(i++); if (stop) { db.close(); parentPort.postMessage(i); } else setImmediate(loop); })();
`;

describe.skipIf(engine !== "sqlite")("backup and restore (sqlite)", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a backup taken during writes restores with integrity ok and consistent row counts", async () => {
    const live = join(dir, "live", "tradewind.sqlite");
    const database = openDatabase({ kind: "sqlite", path: live });
    await migrateToLatest(database);
    await seedDemo(
      createServices({
        database,
        clock: manualClock(),
        auth: { idleMinutes: 30, absoluteHours: 12, maxLoginFailures: 5, loginWindowMinutes: 15 },
      }),
      "backup-test-pw",
      { customers: false },
    );
    const users = Number(database.sqlite!.prepare("select count(*) as n from users").pluck().get());
    await database.close();

    const writer = new Worker(WRITER, { eval: true, workerData: { file: live, sqliteModule } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const backupFile = join(dir, "backups", "tradewind-backup.sqlite");
    await backupSqlite(live, backupFile);
    const written = await new Promise<number>((resolve) => {
      writer.once("message", resolve);
      writer.postMessage("stop");
    });
    await writer.terminate();
    expect(written).toBeGreaterThan(0);

    const restored = join(dir, "restored", "tradewind.sqlite");
    restoreSqlite(backupFile, restored);
    const copy = new SQLite(restored, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const jobs = Number(copy.prepare("select count(*) from jobs where name = 'load'").pluck().get());
    const settings = Number(
      copy.prepare("select count(*) from settings where key like 'load.%'").pluck().get(),
    );
    expect(jobs).toBeGreaterThan(0);
    expect(settings).toBe(jobs);
    expect(jobs).toBeLessThanOrEqual(written);
    expect(Number(copy.prepare("select count(*) from users").pluck().get())).toBe(users);
    copy.close();

    expect(() => restoreSqlite(backupFile, restored)).toThrow(/already exists/);
    await expect(backupSqlite(live, backupFile)).rejects.toThrow(/already exists/);
  });
});
