/** /api/health: for load balancers and monitors: is the database reachable, at which migration. */
import { z } from "zod";
import { currentMigration, type Database, ping } from "../../db/database.ts";
import type { App } from "../../http/types.ts";

export function registerHealthRoutes(app: App, deps: { database: Database }): void {
  let migration: string | undefined;
  app.get(
    "/api/health",
    {
      config: { access: "public" },
      logLevel: "warn",
      schema: {
        tags: ["health"],
        summary: "Liveness and database readiness",
        response: {
          200: z.object({
            status: z.literal("ok"),
            database: z.enum(["sqlite", "postgres"]),
            migration: z.string(),
          }),
          503: z.object({
            status: z.literal("unavailable"),
            database: z.enum(["sqlite", "postgres"]),
            message: z.string(),
          }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await ping(deps.database);
        // The schema changes only at start-up; read its version once.
        migration ??= await currentMigration(deps.database);
        return { status: "ok" as const, database: deps.database.kind, migration };
      } catch (error) {
        return reply.status(503).send({
          status: "unavailable" as const,
          database: deps.database.kind,
          message: error instanceof Error ? error.message : "Database unreachable",
        });
      }
    },
  );
}
