/**
 * Compiled-query cache for the hottest queries (the session or token behind every request, a
 * customer by id). Building and compiling a Kysely query costs far more than running it on
 * SQLite (freezing every node, the camel-case transform), so such a query is built once per
 * shape with placeholder values, and later calls only swap in their parameters.
 *
 * The builder must use each parameter only as a value (never to choose the shape of the query);
 * arrays are allowed and their lengths are part of the shape.
 */
import type { Compilable, CompiledQuery, Kysely } from "kysely";
import type { DB } from "./schema.ts";

export type Param = string | number | null | readonly (string | number)[];
type Slot = { param: number; item: number | null } | { constant: unknown };

const MARK = "\uE000hot:";
/** Closes a placeholder, so that one with something appended ("…:0" + 1) is not taken for another. */
const END = "\uE001";
const PLACEHOLDER = /^\uE000hot:(\d+)(?::(\d+))?\uE001$/;

/**
 * Like `hotQuery`, for queries whose structure varies (which filters are set, the sort, the scope):
 * `shape` says the structure and is part of the cache key; the builder may branch on it freely,
 * but uses `params` only as values.
 */
export function shapedQuery<Shape, P extends Param[], Row>(
  build: (db: Kysely<DB>, shape: Shape, ...params: P) => Compilable<Row>,
) {
  const compiled = new Map<string, { query: CompiledQuery<Row>; slots: Slot[] }>();

  function prepare(db: Kysely<DB>, shape: Shape, params: P, key: string) {
    const placeholders = params.map((value, index) =>
      Array.isArray(value)
        ? value.map((_, item) => `${MARK}${index}:${item}${END}`)
        : `${MARK}${index}${END}`,
    ) as unknown as P;
    const query = build(db, shape, ...placeholders).compile();
    const slots = query.parameters.map((value): Slot => {
      // A placeholder changed on its way into the query (wrapped in quotes, used in arithmetic)
      // would bind the wrong value later: refuse such a builder at once.
      const placeholder = typeof value === "string" ? PLACEHOLDER.exec(value) : null;
      if (
        (typeof value === "number" && Number.isNaN(value)) ||
        (typeof value === "string" && value.includes(MARK) && !placeholder)
      ) {
        throw new Error(
          `A cached query's builder transformed a parameter (${JSON.stringify(value)}); bind values unchanged.`,
        );
      }
      if (!placeholder) return { constant: value };
      return {
        param: Number(placeholder[1]),
        item: placeholder[2] === undefined ? null : Number(placeholder[2]),
      };
    });
    const entry = { query, slots };
    compiled.set(key, entry);
    return entry;
  }

  return async function execute(db: Kysely<DB>, shape: Shape, ...params: P): Promise<Row[]> {
    // Transactions share their dialect with the database they come from: one entry per dialect.
    const lengths = params.map((p) => (Array.isArray(p) ? p.length : "")).join(",");
    const key = `${db.getExecutor().adapter.constructor.name}|${JSON.stringify(shape)}|${lengths}`;
    const entry = compiled.get(key) ?? prepare(db, shape, params, key);
    const parameters = entry.slots.map((slot) => {
      if ("constant" in slot) return slot.constant;
      const value = params[slot.param];
      return slot.item === null ? value : (value as readonly unknown[])[slot.item];
    });
    const result = await db.executeQuery<Row>({ ...entry.query, parameters });
    return result.rows;
  };
}

export function hotQuery<P extends Param[], Row>(build: (db: Kysely<DB>, ...params: P) => Compilable<Row>) {
  const execute = shapedQuery((db: Kysely<DB>, _shape: null, ...params: P) => build(db, ...params));
  return (db: Kysely<DB>, ...params: P): Promise<Row[]> => execute(db, null, ...params);
}
