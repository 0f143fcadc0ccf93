/**
 * Test harness: a fresh, migrated database per test file (SQLite in memory, or a PostgreSQL
 * schema of its own when TEST_DATABASE_URL is set, dropped afterwards), the real services and
 * app, the demo organisation, and helpers to call the API as any demo user.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { buildApp } from "../app.ts";
import { manualClock } from "../clock.ts";
import { type Database, migrateToLatest, openDatabase } from "../db/database.ts";
import { DEMO_USERS, seedDemo } from "../demo/seed.ts";
import type { App } from "../http/types.ts";
import { createServices, type Services } from "../services.ts";

export const TEST_PASSWORD = "test-password-123";
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;
export const engine = testDatabaseUrl ? "postgres" : "sqlite";

export interface TestDatabase {
  database: Database;
  drop(): Promise<void>;
}

/** A migrated database of its own; on PostgreSQL a new schema in TEST_DATABASE_URL's database. */
export async function createTestDatabase(options: { sqlitePath?: string } = {}): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const database = openDatabase({ kind: "sqlite", path: options.sqlitePath ?? ":memory:" });
    await migrateToLatest(database);
    return { database, drop: () => database.close() };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = openDatabase({ kind: "postgres", url: testDatabaseUrl, schema, poolSize: 5 });
  await migrateToLatest(database);
  return {
    database,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

export type DemoKey = (typeof DEMO_USERS)[number]["key"];

export interface Caller {
  headers: Record<string, string>;
  userId: string;
}

export interface TestContext {
  app: App;
  services: Services;
  database: Database;
  clock: ReturnType<typeof manualClock>;
  userId(key: DemoKey): string;
  /** A logged-in session for a demo user, as cookie and CSRF headers. */
  as(key: DemoKey): Promise<Caller>;
  /** A session for any user id. */
  sessionFor(userId: string): Promise<Caller>;
  close(): Promise<void>;
}

export async function createTestContext(
  options: { loginRatePerMinute?: number; idleMinutes?: number } = {},
): Promise<TestContext> {
  const { database, drop } = await createTestDatabase();
  const clock = manualClock(new Date());
  const services = createServices({
    database,
    clock,
    auth: {
      idleMinutes: options.idleMinutes ?? 30,
      absoluteHours: 12,
      maxLoginFailures: 5,
      loginWindowMinutes: 15,
    },
  });
  await seedDemo(services, TEST_PASSWORD);
  const app = await buildApp({
    services,
    sessionSecret: "test-secret-test-secret-test-secret-!!",
    loginRatePerMinute: options.loginRatePerMinute ?? 1000,
  });
  const users = await database.db.selectFrom("users").select(["id", "email"]).execute();
  const idOf = (key: DemoKey) => {
    const email = DEMO_USERS.find((u) => u.key === key)!.email;
    return users.find((u) => u.email === email)!.id;
  };
  const sessions = new Map<string, Caller>();

  async function sessionFor(userId: string): Promise<Caller> {
    const { token, session } = await services.auth.openSession(userId, "127.0.0.1", "vitest");
    return {
      userId,
      headers: { cookie: `tw_session=${app.signCookie(token)}`, "x-csrf-token": session.csrfToken },
    };
  }

  return {
    app,
    services,
    database,
    clock,
    userId: idOf,
    sessionFor,
    async as(key) {
      const cached = sessions.get(key);
      if (cached) return cached;
      const caller = await sessionFor(idOf(key));
      sessions.set(key, caller);
      return caller;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}
