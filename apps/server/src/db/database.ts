/**
 * Opens the database (embedded SQLite by default, PostgreSQL when DATABASE_URL says so), runs
 * the migrations and closes it again. The rest of the server sees only `Database`.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  CamelCasePlugin,
  Kysely,
  type Migration,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
} from "kysely";
import pg from "pg";
import { type DatabaseKind, type Dialect, dialectFor } from "./dialect.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import type { DB } from "./schema.ts";

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  kind: DatabaseKind;
  /** The raw SQLite handle, for the online backup API; absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  /** The PostgreSQL schema Tradewind's tables live in. */
  schema?: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; url: string; schema?: string; poolSize?: number };

// Counts and money come back as int8; they fit a JS number (2^53) by a wide margin.
pg.types.setTypeParser(20, (value) => Number(value));

export function openSqlite(path: string): SQLite.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const handle = new SQLite(path);
  handle.pragma("journal_mode = WAL");
  handle.pragma("foreign_keys = ON");
  handle.pragma("busy_timeout = 5000");
  // Money and ledgers live here: a committed transaction must survive a power cut.
  handle.pragma("synchronous = FULL");
  // Reads of a big archive jump between pages: a 64 MiB page cache (default 2 MiB) and memory-
  // mapped reads (no system call per page) made a 50-row page a fifth cheaper at a million customers.
  handle.pragma("cache_size = -65536");
  handle.pragma("mmap_size = 1073741824");
  return handle;
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs as much as running a short query.
 * This keeps prepared statements by SQL text (the queries come from a fixed set of builders).
 * A statement still busy with an iteration is never handed out twice.
 */
function withStatementCache(handle: SQLite.Database, limit = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) return cached;
      const statement = handle.prepare(sqlText);
      if (!cached) {
        if (cache.size >= limit) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, statement);
      }
      return statement;
    },
    close() {
      handle.close();
    },
  };
}

export function openDatabase(target: DatabaseTarget): Database {
  const plugins = [new CamelCasePlugin()];
  if (target.kind === "sqlite") {
    const sqlite = openSqlite(target.path);
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins,
    });
    return { db, dialect: dialectFor("sqlite"), kind: "sqlite", sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    // JIT compilation pays off for long analytical queries; on a page of 50 rows from a million
    // the planner's cost estimate can still cross its threshold and the compiling costs more than
    // the query. Short queries are all this server runs.
    options: `-c jit=off${target.schema ? ` -c search_path=${target.schema},public` : ""}`,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
  const schema = target.schema ?? "public";
  return { db, dialect: dialectFor("postgres"), kind: "postgres", schema, close: () => db.destroy() };
}

function migrator(database: Database): Migrator {
  const migrations: Record<string, Migration> = {};
  for (const [name, module] of MIGRATIONS) {
    migrations[name] = { up: (db) => module.up(db, database.dialect) };
  }
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Name the schema: Kysely otherwise finds a migration table in any schema of the database.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string> {
  const { error, results } = await migrator(database).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return currentMigration(database);
}

export async function currentMigration(database: Database): Promise<string> {
  const all = await migrator(database).getMigrations();
  const executed = all.filter((m) => m.executedAt !== undefined);
  return executed.at(-1)?.name ?? "none";
}

export async function ping(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}
