/**
 * The baseline for the customer benchmark: a bare Fastify server that runs the very same SQL
 * through the driver, with no authentication, scope, validation or Kysely. Also a hello-JSON
 * route. Started as a child process by run.ts.
 */
import { readFileSync } from "node:fs";
import SQLite from "better-sqlite3";
import Fastify from "fastify";
import pg from "pg";

interface Compiled {
  sql: string;
  parameters: unknown[];
}

const queries = JSON.parse(readFileSync(process.env.BARE_QUERIES!, "utf8")) as {
  list: Compiled;
  searches: Compiled[];
};
const kind = process.env.BARE_DB_KIND;
const placeholders = (n: number) =>
  Array.from({ length: n }, (_, i) => (kind === "postgres" ? `$${i + 1}` : "?")).join(", ");
const contactsSql = (n: number) =>
  `select "customer_id", "name", "emails", "phones" from "contacts" where "customer_id" in (${placeholders(n)}) and "is_primary" = ${kind === "postgres" ? `$${n + 1}` : "?"}`;

type Run = (sql: string, parameters: unknown[]) => Promise<Record<string, unknown>[]>;
let run: Run;
if (kind === "postgres") {
  // The application's session settings (apps/server/src/db/database.ts).
  const pool = new pg.Pool({ connectionString: process.env.BARE_PG_URL, max: 10, options: "-c jit=off" });
  run = async (sql, parameters) => (await pool.query(sql, parameters)).rows;
} else {
  const db = new SQLite(process.env.BARE_SQLITE_PATH!, { readonly: true });
  // The application's read settings (apps/server/src/db/database.ts), so only the layers above differ.
  db.pragma("cache_size = -65536");
  db.pragma("mmap_size = 1073741824");
  const cache = new Map<string, SQLite.Statement>();
  run = async (sql, parameters) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement.all(...parameters) as Record<string, unknown>[];
  };
}

async function page(query: Compiled) {
  const rows = await run(query.sql, query.parameters);
  const ids = rows.slice(0, 50).map((r) => r.id);
  const contacts = ids.length > 0 ? await run(contactsSql(ids.length), [...ids, 1]) : [];
  return { items: rows.slice(0, 50), contacts };
}

const app = Fastify({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
app.get("/list", async () => page(queries.list));
app.get<{ Params: { n: string } }>("/search/:n", async (request) =>
  page(queries.searches[Number(request.params.n)]!),
);
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
