/**
 * The append-only audit log (R-ORG-5). Services call `record` inside the transaction that makes
 * the change, so an entry exists exactly when the change does.
 */
import { type AuditChanges, type AuditEntry, diffChanges } from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { ActorContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { newId } from "../../ids.ts";
import { type AuditFilter, insertAuditEntry, listAuditEntries } from "./audit.repository.ts";

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Changes given directly, for actions that are not a before/after of one row (e.g. login). */
  changes?: AuditChanges;
}

export type AuditLog = ReturnType<typeof createAuditLog>;

export function createAuditLog(deps: { clock: Clock }) {
  return {
    async record(db: Kysely<DB>, ctx: ActorContext, entry: AuditRecord): Promise<void> {
      const changes = entry.changes ?? diffChanges(entry.before ?? null, entry.after ?? null);
      await insertAuditEntry(db, {
        id: newId(),
        at: isoNow(deps.clock),
        actorId: ctx.user?.id ?? null,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        changes: JSON.stringify(changes),
        requestId: ctx.requestId,
      });
    },

    async list(
      db: Kysely<DB>,
      filter: AuditFilter,
    ): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
      const rows = await listAuditEntries(db, filter);
      const page = rows.slice(0, filter.limit);
      return {
        items: page.map((row) => ({ ...row, changes: JSON.parse(row.changes) as AuditEntry["changes"] })),
        nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  };
}
