/** Imports: the run's row, its file, its rejected rows, and mapping templates. */
import type { Kysely } from "kysely";
import type { DB, ImportsTable } from "../../db/schema.ts";

export function insertImport(db: Kysely<DB>, row: ImportsTable) {
  return db.insertInto("imports").values(row).execute();
}

export function findImport(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("imports")
    .leftJoin("users", "users.id", "imports.createdBy")
    .selectAll("imports")
    .select("users.name as createdByName")
    .where("imports.id", "=", id)
    .executeTakeFirst();
}

export async function fileOf(db: Kysely<DB>, id: string): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom("importFiles")
    .select("bytes")
    .where("importId", "=", id)
    .executeTakeFirst();
  return row ? new Uint8Array(row.bytes) : undefined;
}

export function updateImport(db: Kysely<DB>, id: string, changes: Partial<ImportsTable>) {
  return db.updateTable("imports").set(changes).where("id", "=", id).execute();
}

export function listImports(db: Kysely<DB>, beforeId: string | undefined, limit: number, createdBy?: string) {
  let query = db
    .selectFrom("imports")
    .leftJoin("users", "users.id", "imports.createdBy")
    .selectAll("imports")
    .select("users.name as createdByName")
    .orderBy("imports.id", "desc")
    .limit(limit + 1);
  if (beforeId) query = query.where("imports.id", "<", beforeId);
  if (createdBy) query = query.where("imports.createdBy", "=", createdBy);
  return query.execute();
}

export function rejectionsOf(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("importRejections")
    .select(["rowNumber", "cells", "reason"])
    .where("importId", "=", id)
    .orderBy("rowNumber")
    .execute();
}

/** Removes what an unfinished run of this import wrote, so a new run starts clean. */
export async function removePending(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom("customers").where("importId", "=", id).execute();
  await db.deleteFrom("importRejections").where("importId", "=", id).execute();
}
