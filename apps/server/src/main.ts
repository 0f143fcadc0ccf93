/**
 * Starts Tradewind: configuration, database and migrations, first-run data, jobs, HTTP server,
 * and a graceful shutdown on SIGTERM/SIGINT (stop accepting, finish requests and the running
 * job, close the database).
 */
import { fileURLToPath } from "node:url";
import pino from "pino";
import { buildApp, LOG_REDACT } from "./app.ts";
import { systemClock } from "./clock.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { migrateToLatest, openDatabase } from "./db/database.ts";
import { seedDemo } from "./demo/seed.ts";
import { jobHandlers, RECURRING_JOBS } from "./jobs/registry.ts";
import { createJobRunner, type JobRunner } from "./jobs/runner.ts";
import { SYSTEM } from "./modules/setup/setup.service.ts";
import { sessionSecret } from "./secrets-file.ts";
import { createServices } from "./services.ts";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${error.message}\nTradewind did not start. Fix the variable(s) above and start again.\n`,
      );
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ level: config.LOG_LEVEL, redact: { paths: LOG_REDACT, censor: "[redacted]" } });

  const database = openDatabase(
    config.databaseKind === "postgres"
      ? { kind: "postgres", url: config.DATABASE_URL! }
      : { kind: "sqlite", path: config.sqlitePath },
  );
  const migration = await migrateToLatest(database);
  logger.info({ database: database.kind, migration }, "database ready");

  // Services queue jobs; the runner that executes them needs the services: tie the knot lazily.
  let jobs: JobRunner | undefined;
  const services = createServices({
    database,
    clock: systemClock,
    companyTimeZone: config.COMPANY_TIME_ZONE,
    imports: { maxFileBytes: config.IMPORT_MAX_FILE_MB * 1024 * 1024, maxRows: config.IMPORT_MAX_ROWS },
    enqueue: async (name, payload) => {
      await jobs!.enqueue(name, payload);
      jobs!.kick();
    },
    auth: {
      idleMinutes: config.SESSION_IDLE_MINUTES,
      absoluteHours: config.SESSION_ABSOLUTE_HOURS,
      maxLoginFailures: config.LOGIN_MAX_FAILURES,
      loginWindowMinutes: config.LOGIN_WINDOW_MINUTES,
    },
  });
  await services.roles.ensureBuiltins(SYSTEM);
  if ((await services.setup.userCount()) === 0 && config.TRADEWIND_DEMO) {
    logger.info("empty database: creating the demo company");
    // Hundreds of small demo transactions: in WAL mode NORMAL cannot corrupt the file on a crash
    // (at worst the demo restarts), and it spares an fsync per transaction.
    database.sqlite?.pragma("synchronous = NORMAL");
    await seedDemo(services);
    database.sqlite?.pragma("synchronous = FULL");
  }

  const app = await buildApp({
    services,
    sessionSecret: sessionSecret(config.DATA_DIR, config.SESSION_SECRET),
    logger: { level: config.LOG_LEVEL, redact: { paths: LOG_REDACT, censor: "[redacted]" } },
    trustProxy: config.TRUST_PROXY,
    webRoot: fileURLToPath(new URL("../../web/dist", import.meta.url)),
  });

  jobs = createJobRunner({
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    logger,
    handlers: jobHandlers(services),
    recurring: RECURRING_JOBS,
  });
  if (config.JOBS) jobs.start();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown took longer than 25 s; exiting");
      process.exit(1);
    }, 25_000);
    force.unref();
    await app.close();
    await jobs.stop();
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await app.listen({ port: config.PORT, host: config.HOST });
  const status = await services.setup.status();
  const url = `http://localhost:${config.PORT}`;
  const lines = [`\nTradewind is running on ${url} (${database.kind})`];
  if (status.demoLogins.length > 0) {
    lines.push(`Demo logins (password: ${status.demoPassword}):`);
    for (const login of status.demoLogins)
      lines.push(`  ${login.email.padEnd(22)} ${login.name} · ${login.role}`);
  } else if (status.needsAdmin) {
    lines.push(`No users yet: open ${url} to create the administrator account.`);
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Tradewind failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
