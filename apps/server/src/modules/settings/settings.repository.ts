/** Company-wide settings as JSON values under string keys. */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

export async function readSetting<T>(db: Kysely<DB>, key: string): Promise<T | undefined> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

/** Inserts a setting; fails on a duplicate key, which callers use as a once-only guard. */
export async function insertSetting(db: Kysely<DB>, key: string, value: unknown, at: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value: JSON.stringify(value), updatedAt: at, version: 1 })
    .execute();
}

export async function writeSetting(db: Kysely<DB>, key: string, value: unknown, at: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value: JSON.stringify(value), updatedAt: at, version: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({
        value: JSON.stringify(value),
        updatedAt: at,
        version: eb("settings.version", "+", 1),
      })),
    )
    .execute();
}
