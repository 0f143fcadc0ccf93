/**
 * Everything that differs between SQLite and PostgreSQL lives here, so the rest of the server
 * writes one set of queries and one set of migrations.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";

export type DatabaseKind = "sqlite" | "postgres";

export interface Dialect {
  kind: DatabaseKind;
  /** Makes a table append-only: any UPDATE or DELETE is refused by the database itself. */
  appendOnly(db: Kysely<unknown>, table: string): Promise<void>;
  /** `FOR UPDATE SKIP LOCKED` where the engine has row locks; SQLite serialises writers instead. */
  skipLocked: RawBuilder<unknown>;
}

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
};

export function dialectFor(kind: DatabaseKind): Dialect {
  return kind === "sqlite" ? sqliteDialect : postgresDialect;
}

/**
 * Case-insensitive "contains" for short lists (users, roles): `lower(column) LIKE %q% ESCAPE '\'`.
 * Both engines accept this form; the big lists use full-text search instead.
 */
export function containsText(column: string, query: string): RawBuilder<boolean> {
  const escaped = query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`lower(${sql.ref(column)}) like ${`%${escaped}%`} escape '\\'`;
}
