/**
 * Test harness: a fresh, migrated database per test file (SQLite in memory, or a PostgreSQL
 * schema of its own when TEST_DATABASE_URL is set, dropped afterwards), the real services and
 * app, the demo organisation, and helpers to call the API as any demo user.
 */
import { randomBytes } from "node:crypto";
import { type Customer, type CustomerCreate, customerCreate } from "@tradewind/domain";
import pg from "pg";
import type { AuthUser } from "../access/identity.ts";
import { buildApp } from "../app.ts";
import { manualClock } from "../clock.ts";
import { type Database, migrateToLatest, openDatabase } from "../db/database.ts";
import { DEMO_USERS, seedDemo } from "../demo/seed.ts";
import type { App } from "../http/types.ts";
import { jobHandlers } from "../jobs/registry.ts";
import { createJobRunner, type JobRunner } from "../jobs/runner.ts";
import type { ImportLimits } from "../modules/imports/imports.service.ts";
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
  /** The demo user as services see it, for calling services directly. */
  identity(key: DemoKey): Promise<AuthUser>;
  /** Runs every queued job (imports, exports, ...) to its end, as the job runner would. */
  runJobs(): Promise<number>;
  /** Creates a customer owned by a demo user, through the service (as the administrator). */
  customerFor(owner: DemoKey, fields?: Partial<CustomerCreate>): Promise<Customer>;
  close(): Promise<void>;
}

export async function createTestContext(
  options: {
    loginRatePerMinute?: number;
    idleMinutes?: number;
    imports?: Partial<ImportLimits>;
    exportsPerHour?: number;
  } = {},
): Promise<TestContext> {
  const { database, drop } = await createTestDatabase();
  const clock = manualClock(new Date());
  let jobs: JobRunner | undefined;
  const services = createServices({
    database,
    clock,
    auth: {
      idleMinutes: options.idleMinutes ?? 30,
      absoluteHours: 12,
      maxLoginFailures: 5,
      loginWindowMinutes: 15,
    },
    imports: options.imports ?? {},
    enqueue: async (name, payload) => {
      await jobs!.enqueue(name, payload);
    },
  });
  jobs = createJobRunner({
    db: database.db,
    dialect: database.dialect,
    clock,
    logger: { info() {}, warn() {}, error() {} },
    handlers: jobHandlers(services),
  });
  await seedDemo(services, TEST_PASSWORD, { customers: false });
  const app = await buildApp({
    services,
    sessionSecret: "test-secret-test-secret-test-secret-!!",
    loginRatePerMinute: options.loginRatePerMinute ?? 1000,
    exportsPerHour: options.exportsPerHour ?? 1000,
  });
  const users = await database.db.selectFrom("users").select(["id", "email"]).execute();
  const idOf = (key: DemoKey) => {
    const email = DEMO_USERS.find((u) => u.key === key)!.email;
    return users.find((u) => u.email === email)!.id;
  };

  async function sessionFor(userId: string): Promise<Caller> {
    const { token, session } = await services.auth.openSession(userId, "127.0.0.1", "vitest");
    return {
      userId,
      headers: { cookie: `tw_session=${app.signCookie(token)}`, "x-csrf-token": session.csrfToken },
    };
  }

  async function identity(key: DemoKey): Promise<AuthUser> {
    const row = await database.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", idOf(key))
      .executeTakeFirstOrThrow();
    return { ...(await services.identity.forUser(row)), via: "session", sessionId: null, csrfToken: null };
  }

  let counter = 0;
  async function customerFor(owner: DemoKey, fields: Partial<CustomerCreate> = {}): Promise<Customer> {
    counter++;
    const admin = await identity("admin");
    return services.customers.create(
      { user: admin, requestId: "test" },
      customerCreate.parse({
        companyName: `Test Customer ${counter} ${owner}`,
        country: "DE",
        ownerId: idOf(owner),
        ...fields,
      }),
    );
  }

  return {
    app,
    services,
    database,
    clock,
    userId: idOf,
    sessionFor,
    identity,
    customerFor,
    runJobs: () => jobs!.runDue(),
    // A new session each time: tests move the clock, which would expire a kept one.
    as: (key) => sessionFor(idOf(key)),
    async close() {
      await app.close();
      await drop();
    },
  };
}
