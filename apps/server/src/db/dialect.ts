/**
 * Everything that differs between SQLite and PostgreSQL lives here, so the rest of the server
 * writes one set of queries and one set of migrations.
 */
import type { SearchPlan } from "@tradewind/domain";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";

export type DatabaseKind = "sqlite" | "postgres";

export interface Dialect {
  kind: DatabaseKind;
  /** Makes a table append-only: any UPDATE or DELETE is refused by the database itself. */
  appendOnly(db: Kysely<unknown>, table: string): Promise<void>;
  /** `FOR UPDATE SKIP LOCKED` where the engine has row locks; SQLite serialises writers instead. */
  skipLocked: RawBuilder<unknown>;
  /** The column type for raw bytes. */
  binaryType: "blob" | "bytea";
  /** Creates the indexes behind customer search (trigram substrings and word/pair tokens). */
  createCustomerSearch(db: Kysely<unknown>): Promise<void>;
  /** The one parameter a planned search binds (a MATCH expression, a LIKE pattern, a tsquery). */
  customerSearchValue(plan: CustomerSearchPlan): string;
  /**
   * Condition for a search of that kind with that parameter; uses only the search indexes. On
   * SQLite it refers to `customer_search` (customer_search_ids joined on the customer), see
   * `customerSearchJoined`.
   */
  customerSearchCondition(kind: CustomerSearchPlan["kind"], value: string): RawBuilder<SqlBool>;
  /** Whether a search needs customer_search_ids joined as `customer_search`. */
  customerSearchJoined: boolean;
  /**
   * The order search results come in when the user picked none: newest entries first, in the
   * order the search index can hand them out, so a common word among a million customers still
   * answers after reading one page of rows instead of sorting every match.
   */
  customerSearchOrder: RawBuilder<unknown>;
  /**
   * Compacts the search indexes. SQLite's full-text indexes grow a segment per write batch and
   * merge them only gradually; after a large import, searches read many segments (four times
   * slower at a million customers) until they are merged into one. PostgreSQL's autovacuum does
   * the equivalent for its GIN indexes, so there it does nothing.
   */
  optimizeCustomerSearch(db: Kysely<unknown>): Promise<void>;
}

export type CustomerSearchPlan = Exclude<SearchPlan, { kind: "too_short" }>;

const sqliteDialect: Dialect = {
  kind: "sqlite",
  async appendOnly(db, table) {
    for (const op of ["UPDATE", "DELETE"]) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
           BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        )
        .execute(db);
    }
  },
  skipLocked: sql``,
  binaryType: "blob",
  async createCustomerSearch(db) {
    // FTS5 needs stable integer row ids; customers have text ids, so a mapping table gives each
    // customer a fixed number. Contentless tables keep only the index, not a second copy of the text.
    const statements = [
      `CREATE TABLE customer_search_ids (seq INTEGER PRIMARY KEY, customer_id TEXT NOT NULL UNIQUE)`,
      `CREATE VIRTUAL TABLE customer_fts_trigram USING fts5(search_text, content='', contentless_delete=1, tokenize='trigram')`,
      `CREATE VIRTUAL TABLE customer_fts_tokens USING fts5(search_tokens, content='', contentless_delete=1, tokenize='unicode61', prefix='2')`,
      `CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
         INSERT INTO customer_search_ids (customer_id) VALUES (new.id);
         INSERT INTO customer_fts_trigram (rowid, search_text)
           VALUES ((SELECT seq FROM customer_search_ids WHERE customer_id = new.id), new.search_text);
         INSERT INTO customer_fts_tokens (rowid, search_tokens)
           VALUES ((SELECT seq FROM customer_search_ids WHERE customer_id = new.id), new.search_tokens);
       END`,
      `CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text, search_tokens ON customers BEGIN
         DELETE FROM customer_fts_trigram WHERE rowid = (SELECT seq FROM customer_search_ids WHERE customer_id = old.id);
         DELETE FROM customer_fts_tokens WHERE rowid = (SELECT seq FROM customer_search_ids WHERE customer_id = old.id);
         INSERT INTO customer_fts_trigram (rowid, search_text)
           VALUES ((SELECT seq FROM customer_search_ids WHERE customer_id = new.id), new.search_text);
         INSERT INTO customer_fts_tokens (rowid, search_tokens)
           VALUES ((SELECT seq FROM customer_search_ids WHERE customer_id = new.id), new.search_tokens);
       END`,
      `CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
         DELETE FROM customer_fts_trigram WHERE rowid = (SELECT seq FROM customer_search_ids WHERE customer_id = old.id);
         DELETE FROM customer_fts_tokens WHERE rowid = (SELECT seq FROM customer_search_ids WHERE customer_id = old.id);
         DELETE FROM customer_search_ids WHERE customer_id = old.id;
       END`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
  customerSearchValue(plan) {
    const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;
    if (plan.kind === "substring") return phrase(plan.text);
    return plan.prefix ? `${phrase(plan.token)}*` : phrase(plan.token);
  },
  customerSearchCondition(kind, value) {
    const match =
      kind === "substring"
        ? sql`select rowid from customer_fts_trigram where customer_fts_trigram match ${value}`
        : sql`select rowid from customer_fts_tokens where customer_fts_tokens match ${value}`;
    // Driving from the matches' row ids lets SQLite walk them newest first and stop at a page.
    return sql<SqlBool>`customer_search.seq in (${match})`;
  },
  customerSearchJoined: true,
  customerSearchOrder: sql`customer_search.seq`,
  async optimizeCustomerSearch(db) {
    for (const table of ["customer_fts_trigram", "customer_fts_tokens"])
      await sql.raw(`INSERT INTO ${table}(${table}) VALUES ('optimize')`).execute(db);
  },
};

const postgresDialect: Dialect = {
  kind: "postgres",
  async appendOnly(db, table) {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION tradewind_append_only() RETURNS trigger AS $$
         BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION tradewind_append_only()`,
      )
      .execute(db);
  },
  skipLocked: sql`FOR UPDATE SKIP LOCKED`,
  binaryType: "bytea",
  async createCustomerSearch(db) {
    // pg_trgm is a trusted extension (PostgreSQL 13+); it lives in public so every schema finds it.
    await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").execute(db);
    await createPostgresCustomerSearchIndexes(db);
  },
  customerSearchValue(plan) {
    if (plan.kind === "substring") return `%${plan.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return `'${plan.token.replace(/'/g, "''")}'${plan.prefix ? ":*" : ""}`;
  },
  customerSearchCondition(kind, value) {
    if (kind === "substring") return sql<SqlBool>`customers.search_text like ${value}`;
    return sql<SqlBool>`to_tsvector('simple'::regconfig, customers.search_tokens) @@ to_tsquery('simple'::regconfig, ${value})`;
  },
  customerSearchJoined: false,
  // An expression, not the bare column: otherwise PostgreSQL may walk the created_at index
  // backwards filtering every row for the search, which at a million rows and a rare word reads
  // them all; this way it takes the matches from the search index and sorts only those.
  customerSearchOrder: sql`(customers.created_at || '')`,
  async optimizeCustomerSearch() {},
};

export function dialectFor(kind: DatabaseKind): Dialect {
  return kind === "sqlite" ? sqliteDialect : postgresDialect;
}

/**
 * `column IN (values)` with the whole list bound as one parameter (a JSON array on SQLite, a
 * text array on PostgreSQL): for lists of thousands, where a parameter per value would make
 * building, compiling and preparing the statement cost more than running it.
 */
export function textIn(dialect: Dialect, column: string, values: readonly string[]): RawBuilder<SqlBool> {
  return dialect.kind === "sqlite"
    ? sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`
    : sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::text[])`;
}

/**
 * Case-insensitive "contains" for short lists (users, roles): `lower(column) LIKE %q% ESCAPE '\'`.
 * Both engines accept this form; the big lists use full-text search instead.
 */
export function containsText(column: string, query: string): RawBuilder<boolean> {
  const escaped = query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`lower(${sql.ref(column)}) like ${`%${escaped}%`} escape '\\'`;
}

/** PostgreSQL's customer search indexes; bulk loads drop them and build them once at the end. */
export async function createPostgresCustomerSearchIndexes<T>(db: Kysely<T>): Promise<void> {
  await sql
    .raw("CREATE INDEX customers_search_trgm ON customers USING gin (search_text public.gin_trgm_ops)")
    .execute(db);
  await sql
    .raw(
      "CREATE INDEX customers_search_tokens ON customers USING gin (to_tsvector('simple'::regconfig, search_tokens))",
    )
    .execute(db);
}

export async function dropPostgresCustomerSearchIndexes<T>(db: Kysely<T>): Promise<void> {
  await sql.raw("DROP INDEX IF EXISTS customers_search_trgm").execute(db);
  await sql.raw("DROP INDEX IF EXISTS customers_search_tokens").execute(db);
}
