/** Saved list views per user (filters, sort, columns): each user sees and deletes only its own. */
import type { Kysely } from "kysely";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { notFound } from "../../http/errors.ts";
import { newId } from "../../ids.ts";

export type SavedViewsService = ReturnType<typeof createSavedViewsService>;

export function createSavedViewsService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(userId: string, area: string) {
      const rows = await db
        .selectFrom("savedViews")
        .select(["id", "name", "area", "state", "createdAt"])
        .where("userId", "=", userId)
        .where("area", "=", area)
        .orderBy("name")
        .limit(100)
        .execute();
      return rows.map((r) => ({ ...r, state: JSON.parse(r.state) as Record<string, unknown> }));
    },
    async create(userId: string, input: { area: string; name: string; state: Record<string, unknown> }) {
      const now = isoNow(clock);
      const row = {
        id: newId(),
        userId,
        area: input.area,
        name: input.name,
        state: JSON.stringify(input.state),
        createdAt: now,
        updatedAt: now,
      };
      await db.insertInto("savedViews").values(row).execute();
      return { id: row.id, name: row.name, area: row.area, state: input.state, createdAt: now };
    },
    async remove(userId: string, id: string) {
      const result = await db
        .deleteFrom("savedViews")
        .where("id", "=", id)
        .where("userId", "=", userId)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw notFound("Saved view");
    },
  };
}
