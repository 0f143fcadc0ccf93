/**
 * In-app notifications (R-ORG-6): a message key with parameters, so each user reads it in its
 * own language, and a link to what it is about.
 */
import type { Kysely } from "kysely";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { notFound } from "../../http/errors.ts";
import { newId } from "../../ids.ts";

export interface NotificationInput {
  userId: string;
  kind: string;
  params?: Record<string, string | number>;
  link?: string | null;
  /** One notification per key: a repeated job run does not notify twice. */
  dedupeKey?: string;
}

export type Notifications = ReturnType<typeof createNotifications>;

export function createNotifications(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async notify(tx: Kysely<DB>, input: NotificationInput): Promise<void> {
      await tx
        .insertInto("notifications")
        .values({
          id: newId(),
          userId: input.userId,
          kind: input.kind,
          params: JSON.stringify(input.params ?? {}),
          link: input.link ?? null,
          dedupeKey: input.dedupeKey ?? null,
          createdAt: isoNow(clock),
          readAt: null,
        })
        .onConflict((oc) => oc.column("dedupeKey").doNothing())
        .execute();
    },

    async list(userId: string, page: { limit: number; beforeId?: string; unreadOnly?: boolean }) {
      let query = db
        .selectFrom("notifications")
        .select(["id", "kind", "params", "link", "createdAt", "readAt"])
        .where("userId", "=", userId)
        .orderBy("id", "desc")
        .limit(page.limit + 1);
      if (page.beforeId) query = query.where("id", "<", page.beforeId);
      if (page.unreadOnly) query = query.where("readAt", "is", null);
      const rows = await query.execute();
      const items = rows
        .slice(0, page.limit)
        .map((row) => ({ ...row, params: JSON.parse(row.params) as Record<string, string | number> }));
      const unread = await db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("userId", "=", userId)
        .where("readAt", "is", null)
        .executeTakeFirstOrThrow();
      return {
        items,
        nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null,
        unread: Number(unread.n),
      };
    },

    async markRead(userId: string, id: string | "all"): Promise<void> {
      let query = db
        .updateTable("notifications")
        .set({ readAt: isoNow(clock) })
        .where("userId", "=", userId)
        .where("readAt", "is", null);
      if (id !== "all") query = query.where("id", "=", id);
      const result = await query.executeTakeFirst();
      if (id !== "all" && Number(result.numUpdatedRows) === 0) {
        const exists = await db
          .selectFrom("notifications")
          .select("id")
          .where("id", "=", id)
          .where("userId", "=", userId)
          .executeTakeFirst();
        if (!exists) throw notFound("Notification");
      }
    },
  };
}
