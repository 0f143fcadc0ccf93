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

type Param = string | number | null | readonly (string | number)[];
type Slot = { param: number; item: number | null } | { constant: unknown };

const MARK = "\u0000hot:";

export function hotQuery<P extends Param[], Row>(build: (db: Kysely<DB>, ...params: P) => Compilable<Row>) {
  const compiled = new Map<string, { query: CompiledQuery<Row>; slots: Slot[] }>();

  function prepare(db: Kysely<DB>, params: P, key: string) {
    const placeholders = params.map((value, index) =>
      Array.isArray(value) ? value.map((_, item) => `${MARK}${index}:${item}`) : `${MARK}${index}`,
    ) as unknown as P;
    const query = build(db, ...placeholders).compile();
    const slots = query.parameters.map((value): Slot => {
      if (typeof value !== "string" || !value.startsWith(MARK)) return { constant: value };
      const [param, item] = value.slice(MARK.length).split(":");
      return { param: Number(param), item: item === undefined ? null : Number(item) };
    });
    const entry = { query, slots };
    compiled.set(key, entry);
    return entry;
  }

  return async function execute(db: Kysely<DB>, ...params: P): Promise<Row[]> {
    // Transactions share their dialect with the database they come from: one entry per dialect.
    const key = `${db.getExecutor().adapter.constructor.name}|${params.map((p) => (Array.isArray(p) ? p.length : "")).join(",")}`;
    const entry = compiled.get(key) ?? prepare(db, params, key);
    const parameters = entry.slots.map((slot) => {
      if ("constant" in slot) return slot.constant;
      const value = params[slot.param];
      return slot.item === null ? value : (value as readonly unknown[])[slot.item];
    });
    const result = await db.executeQuery<Row>({ ...entry.query, parameters });
    return result.rows;
  };
}
