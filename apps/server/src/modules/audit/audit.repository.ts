/** Audit log queries. Inserts and reads only: the table refuses updates and deletes. */
import type { Kysely } from "kysely";
import type { AuditLogTable, DB } from "../../db/schema.ts";

export interface AuditFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  /** Entries older than this id (ids are time-ordered UUIDv7). */
  beforeId?: string;
  limit: number;
}

export function insertAuditEntry(db: Kysely<DB>, entry: AuditLogTable): Promise<unknown> {
  return db.insertInto("auditLog").values(entry).execute();
}

export async function listAuditEntries(db: Kysely<DB>, filter: AuditFilter) {
  let query = db
    .selectFrom("auditLog")
    .leftJoin("users", "users.id", "auditLog.actorId")
    .select([
      "auditLog.id",
      "auditLog.at",
      "auditLog.actorId",
      "users.name as actorName",
      "auditLog.action",
      "auditLog.entity",
      "auditLog.entityId",
      "auditLog.changes",
      "auditLog.requestId",
    ])
    .orderBy("auditLog.id", "desc")
    .limit(filter.limit + 1);
  if (filter.actorId) query = query.where("auditLog.actorId", "=", filter.actorId);
  if (filter.entity) query = query.where("auditLog.entity", "=", filter.entity);
  if (filter.entityId) query = query.where("auditLog.entityId", "=", filter.entityId);
  if (filter.action) query = query.where("auditLog.action", "=", filter.action);
  if (filter.from) query = query.where("auditLog.at", ">=", filter.from);
  if (filter.to) query = query.where("auditLog.at", "<", filter.to);
  if (filter.beforeId) query = query.where("auditLog.id", "<", filter.beforeId);
  return query.execute();
}
