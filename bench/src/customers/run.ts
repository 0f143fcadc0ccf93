/**
 * `npm run bench -- customers [--size N] [--duration S]`: a million customers (by default) on
 * SQLite, and on PostgreSQL when DATABASE_URL is set; then the list, deep paging, search and
 * detail measured over HTTP beside their baselines in the same run. Prints a table and writes
 * bench/results/customers-<engine>.json.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { planSearch } from "@tradewind/domain";
import pg from "pg";
import { manualClock } from "../../../apps/server/src/clock.ts";
import { type Database, migrateToLatest, openDatabase } from "../../../apps/server/src/db/database.ts";
import { seedDemo } from "../../../apps/server/src/demo/seed.ts";
import { encodeCursor } from "../../../apps/server/src/http/pagination.ts";
import { listPageQuery } from "../../../apps/server/src/modules/customers/customers.repository.ts";
import { createServices, type Services } from "../../../apps/server/src/services.ts";
import { type LoadResult, load, median } from "../lib/load.ts";
import { repoRoot, startNode, startServer } from "../lib/processes.ts";
import { generateCustomers } from "./generate.ts";

interface Options {
  size: number;
  durationSeconds: number;
  runs: number;
}

const AUTH = { idleMinutes: 30, absoluteHours: 12, maxLoginFailures: 5, loginWindowMinutes: 15 };

async function prepare(
  engine: "sqlite" | "postgres",
  options: Options,
): Promise<{ database: Database; target: Record<string, string>; fresh: boolean }> {
  const dataDir = join(repoRoot, "bench", "data");
  mkdirSync(dataDir, { recursive: true });
  let database: Database;
  let target: Record<string, string>;
  if (engine === "sqlite") {
    const path = join(dataDir, `customers-${options.size}.sqlite`);
    database = openDatabase({ kind: "sqlite", path });
    target = {
      DATABASE_URL: `sqlite:${path}`,
      BARE_DB_KIND: "sqlite",
      BARE_SQLITE_PATH: path,
      DATA_DIR: dataDir,
    };
  } else {
    const url = new URL(process.env.DATABASE_URL!);
    const name = `tradewind_bench_${options.size}`;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    await admin.end();
    url.pathname = `/${name}`;
    database = openDatabase({ kind: "postgres", url: url.toString() });
    target = {
      DATABASE_URL: url.toString(),
      BARE_DB_KIND: "postgres",
      BARE_PG_URL: url.toString(),
      DATA_DIR: dataDir,
    };
  }
  await migrateToLatest(database);
  const count = Number(
    (
      await database.db
        .selectFrom("customers")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { database, target, fresh: count !== options.size };
}

async function populate(database: Database, services: Services, options: Options): Promise<number> {
  if ((await services.setup.userCount()) === 0)
    await seedDemo(services, "bench-password-1", { customers: false });
  await database.db.deleteFrom("customers").execute();
  const owners = (
    await database.db
      .selectFrom("users")
      .innerJoin("userRoles", "userRoles.userId", "users.id")
      .innerJoin("roles", "roles.id", "userRoles.roleId")
      .select("users.id")
      .where("roles.key", "=", "sales_rep")
      .execute()
  ).map((r) => r.id);
  const started = Date.now();
  let last = 0;
  await generateCustomers(database, options.size, owners, (done, phase) => {
    if (phase === "indexes") {
      process.stdout.write(
        `  ${done.toLocaleString("en")} rows in ${Math.round((Date.now() - started) / 1000)} s; building indexes...\n`,
      );
    } else if (Date.now() - last > 10_000) {
      last = Date.now();
      const rate = Math.round(done / ((Date.now() - started) / 1000));
      process.stdout.write(
        `  generated ${done.toLocaleString("en")} / ${options.size.toLocaleString("en")} customers (${rate}/s)\n`,
      );
    }
  });
  return (Date.now() - started) / 1000;
}

export async function runCustomers(options: Options): Promise<void> {
  const engines: ("sqlite" | "postgres")[] = ["sqlite"];
  if (process.env.DATABASE_URL && /^postgres/.test(process.env.DATABASE_URL)) engines.push("postgres");
  for (const engine of engines) {
    console.log(`\n== customers benchmark on ${engine}: ${options.size.toLocaleString("en")} customers ==`);
    const { database, target, fresh } = await prepare(engine, options);
    const services = createServices({ database, clock: manualClock(new Date()), auth: AUTH });
    let generateSeconds: number | null = null;
    if (fresh) generateSeconds = await populate(database, services, options);
    else console.log("  reusing the generated data from an earlier run");

    const gmRow = await database.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "gm@demo.test")
      .executeTakeFirstOrThrow();
    const gm = {
      ...(await services.identity.forUser(gmRow)),
      via: "token" as const,
      sessionId: null,
      csrfToken: null,
    };
    const { secret } = await services.auth.createApiToken(
      { user: gm, requestId: "bench" },
      `bench ${new Date().toISOString()}`,
      1,
    );
    const headers = { authorization: `Bearer ${secret}` };

    // The same SQL the application runs, compiled here for the bare baseline.
    const base = { limit: 50, sort: "-updatedAt" as const, today: "2026-01-01", search: null };
    // The generator deals grades and countries round-robin, so every German customer is graded B
    // (about 33,000 of them): a filter that matches many rows, as a department head's would.
    const listFilter = { ...base, grade: ["B" as const], country: ["DE"] };
    const list = listPageQuery(database.db, database.dialect, gm, listFilter, null).compile();
    const deepRow = await database.db
      .selectFrom("customers")
      .select(["updatedAt", "id"])
      .where("ownerId", "is not", null)
      .orderBy("updatedAt", "desc")
      .orderBy("id", "desc")
      .offset(Math.min(499_950, options.size - 100))
      .limit(1)
      .executeTakeFirstOrThrow();
    const deepCursor = encodeCursor([deepRow.updatedAt, deepRow.id]);
    const sample = await database.db
      .selectFrom("customers")
      .innerJoin("contacts", "contacts.customerId", "customers.id")
      .select(["customers.id", "customers.localName", "customers.companyName", "contacts.emails"])
      .where("customers.localName", "is not", null)
      .where("contacts.isPrimary", "=", 1)
      .orderBy("customers.id")
      .offset(Math.floor(options.size / 7))
      .limit(1)
      .executeTakeFirstOrThrow();
    const latinWord = sample.companyName.split(" ")[0]!;
    const searches = [
      { label: "Chinese substring", q: [...sample.localName!].slice(2, 6).join("") },
      { label: "Latin word prefix", q: latinWord.slice(0, Math.max(3, latinWord.length - 2)) },
      { label: "e-mail", q: (JSON.parse(sample.emails) as string[])[0]! },
    ];
    const compiledSearches = searches.map((s) => {
      const plan = planSearch(s.q);
      return listPageQuery(
        database.db,
        database.dialect,
        gm,
        {
          ...base,
          // What the application does for a search without a chosen sort.
          sort: "-searchOrder" as const,
          q: s.q,
          search:
            plan.kind === "too_short"
              ? null
              : { kind: plan.kind, value: database.dialect.customerSearchValue(plan) },
        },
        null,
      ).compile();
    });
    const queriesFile = join(repoRoot, "bench", "data", `queries-${engine}.json`);
    writeFileSync(queriesFile, JSON.stringify({ list, searches: compiledSearches }));
    await database.close();

    const appServer = await startServer({ ...target, JOBS: "0", LOG_LEVEL: "warn", TRADEWIND_DEMO: "0" });
    const bare = await startNode(
      "bench/src/customers/bare-server.ts",
      { ...target, BARE_QUERIES: queriesFile },
      "/hello",
    );
    const rows: {
      scenario: string;
      result: LoadResult;
      baseline?: LoadResult;
      target: string;
      verdict: string;
    }[] = [];
    const measure = (url: string, connections: number, extra: Record<string, string> = headers) =>
      median(options.runs, () =>
        load(url, { connections, durationSeconds: options.durationSeconds, headers: extra }),
      );
    try {
      const listUrl = `${appServer.url}/api/customers?grade=B&country=DE&sort=-updatedAt&limit=50`;
      const listResult = await measure(listUrl, 50);
      const listBare = await measure(`${bare.url}/list`, 50, {});
      rows.push({
        scenario: "list: grade B, country DE, by updated, 50/page, 50 connections",
        result: listResult,
        baseline: listBare,
        target: "p99 <= 50 ms; >= 50% of bare",
        verdict: verdict(listResult.p99 <= 50 && listResult.rps >= 0.5 * listBare.rps),
      });
      const page1 = await measure(`${appServer.url}/api/customers?limit=50`, 10);
      const deep = await measure(`${appServer.url}/api/customers?limit=50&cursor=${deepCursor}`, 10);
      rows.push({
        scenario: "all customers, page 10,000 by cursor vs page 1 (10 connections)",
        result: deep,
        baseline: page1,
        target: "<= 2x page 1 latency",
        verdict: verdict(deep.p50 <= 2 * page1.p50 && deep.p99 <= 2 * page1.p99),
      });
      for (const [index, search] of searches.entries()) {
        const result = await measure(
          `${appServer.url}/api/customers?q=${encodeURIComponent(search.q)}&limit=50`,
          10,
        );
        const baseline = await measure(`${bare.url}/search/${index}`, 10, {});
        rows.push({
          scenario: `search, ${search.label} "${search.q}" (10 connections)`,
          result,
          baseline,
          target: "p95 <= 20 ms; >= 50% of bare",
          verdict: verdict(result.p95 <= 20 && result.rps >= 0.5 * baseline.rps),
        });
      }
      const detail = await measure(`${appServer.url}/api/customers/${sample.id}`, 50);
      const hello = await measure(`${bare.url}/hello`, 50, {});
      rows.push({
        scenario: "customer detail vs hello-JSON (50 connections)",
        result: detail,
        baseline: hello,
        target: ">= 40% of hello",
        verdict: verdict(detail.rps >= 0.4 * hello.rps),
      });
    } finally {
      await appServer.stop();
      await bare.stop();
    }
    print(rows);
    const resultsDir = join(repoRoot, "bench", "results");
    if (!existsSync(resultsDir)) mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `customers-${engine}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ engine, size: options.size, runs: options.runs, durationSeconds: options.durationSeconds, generateSeconds, at: new Date().toISOString(), node: process.version, scenarios: rows }, null, 2)}\n`,
    );
    console.log(`  written ${file}`);
  }
}

function verdict(ok: boolean): string {
  return ok ? "met" : "MISSED";
}

function print(
  rows: { scenario: string; result: LoadResult; baseline?: LoadResult; target: string; verdict: string }[],
): void {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : "-");
  console.log("");
  console.log(
    "  scenario".padEnd(78) +
      "req/s".padStart(8) +
      "p50".padStart(7) +
      "p95".padStart(7) +
      "p99".padStart(7) +
      "  | baseline req/s  p50   p99 | ratio  target",
  );
  for (const row of rows) {
    const b = row.baseline;
    const ratio = b ? `${((row.result.rps / b.rps) * 100).toFixed(0)}%` : "";
    console.log(
      `  ${row.scenario}`.padEnd(78) +
        f(row.result.rps).padStart(8) +
        f(row.result.p50).padStart(7) +
        f(row.result.p95).padStart(7) +
        f(row.result.p99).padStart(7) +
        `  | ${b ? f(b.rps).padStart(14) + f(b.p50).padStart(6) + f(b.p99).padStart(6) : "".padStart(26)} | ${ratio.padStart(5)}  ${row.target}: ${row.verdict}` +
        (row.result.non2xx || row.result.errors
          ? `  (non-2xx ${row.result.non2xx}, errors ${row.result.errors})`
          : ""),
    );
  }
}
