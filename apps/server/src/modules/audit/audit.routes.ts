/** /api/audit-log: read-only. There is deliberately no route that changes or deletes an entry. */
import { auditEntry, errorReply, pageOf } from "@tradewind/domain";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { App } from "../../http/types.ts";
import type { AuditLog } from "./audit.service.ts";

export function registerAuditRoutes(app: App, deps: { db: Kysely<DB>; audit: AuditLog }): void {
  app.get(
    "/api/audit-log",
    {
      config: { access: "audit.read" },
      schema: {
        tags: ["audit"],
        summary: "Browse the audit log, newest first",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(64).optional(),
          actorId: z.string().max(64).optional(),
          entity: z.string().max(64).optional(),
          entityId: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          from: z.iso.datetime().optional(),
          to: z.iso.datetime().optional(),
        }),
        response: { 200: pageOf(auditEntry), 400: errorReply, 401: errorReply, 403: errorReply },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      return deps.audit.list(deps.db, { ...filter, beforeId: cursor });
    },
  );
}
