/**
 * The customer timeline (R-CUST-6): one stream of everything that happened to a customer,
 * newest first. Every area adds its events through `record` (follow-ups, classification and
 * owner changes now; quotations, orders, shipments, cases and payments later), inside the
 * transaction that makes the change.
 */
import type { FollowUpChannel, TimelineEvent } from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { ActorContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { newId } from "../../ids.ts";

export interface TimelineRecord {
  customerId: string;
  kind: string;
  details?: Record<string, unknown>;
  followUpId?: string | null;
}

export type Timeline = ReturnType<typeof createTimeline>;

export function createTimeline(deps: { clock: Clock }) {
  return {
    async record(db: Kysely<DB>, ctx: ActorContext, event: TimelineRecord): Promise<void> {
      await db
        .insertInto("timelineEvents")
        .values({
          id: newId(),
          customerId: event.customerId,
          at: isoNow(deps.clock),
          kind: event.kind,
          actorId: ctx.user?.id ?? null,
          details: JSON.stringify(event.details ?? {}),
          followUpId: event.followUpId ?? null,
        })
        .execute();
    },

    /** Moves a merged customer's history to the survivor. */
    async moveAll(db: Kysely<DB>, fromCustomerId: string, toCustomerId: string): Promise<void> {
      await db
        .updateTable("timelineEvents")
        .set({ customerId: toCustomerId })
        .where("customerId", "=", fromCustomerId)
        .execute();
    },

    async list(
      db: Kysely<DB>,
      customerId: string,
      page: { limit: number; beforeId?: string },
    ): Promise<{ items: TimelineEvent[]; nextCursor: string | null }> {
      let query = db
        .selectFrom("timelineEvents as e")
        .leftJoin("users as actor", "actor.id", "e.actorId")
        .leftJoin("followUps as f", "f.id", "e.followUpId")
        .leftJoin("users as author", "author.id", "f.authorId")
        .select([
          "e.id",
          "e.at",
          "e.kind",
          "e.actorId",
          "actor.name as actorName",
          "e.details",
          "f.id as followUpId",
          "f.date as fDate",
          "f.channel as fChannel",
          "f.summary as fSummary",
          "f.contactId as fContactId",
          "f.nextAction as fNextAction",
          "f.nextActionDate as fNextActionDate",
          "f.authorId as fAuthorId",
          "author.name as fAuthorName",
          "f.createdAt as fCreatedAt",
          "f.updatedAt as fUpdatedAt",
          "f.version as fVersion",
        ])
        .where("e.customerId", "=", customerId)
        .orderBy("e.id", "desc")
        .limit(page.limit + 1);
      if (page.beforeId) query = query.where("e.id", "<", page.beforeId);
      const rows = await query.execute();
      const items = rows.slice(0, page.limit).map(
        (row): TimelineEvent => ({
          id: row.id,
          at: row.at,
          kind: row.kind,
          actorId: row.actorId,
          actorName: row.actorName,
          details: JSON.parse(row.details) as Record<string, unknown>,
          followUp: row.followUpId
            ? {
                id: row.followUpId,
                customerId,
                date: row.fDate!,
                channel: row.fChannel as FollowUpChannel,
                summary: row.fSummary!,
                contactId: row.fContactId ?? null,
                nextAction: row.fNextAction ?? null,
                nextActionDate: row.fNextActionDate ?? null,
                authorId: row.fAuthorId!,
                authorName: row.fAuthorName ?? null,
                createdAt: row.fCreatedAt!,
                updatedAt: row.fUpdatedAt!,
                version: row.fVersion!,
              }
            : null,
        }),
      );
      return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
    },
  };
}
