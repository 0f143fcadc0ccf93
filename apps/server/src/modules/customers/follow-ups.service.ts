/**
 * Follow-ups (跟进记录, R-CUST-6): recording one touches the customer (pool clock, last
 * follow-up), may set its next action and so its urgency (R-CLS-3). Only the author or a lead
 * may edit or delete one; both are audited.
 */
import {
  type FollowUp,
  type FollowUpChannel,
  type FollowUpInput,
  todayIn,
  urgencyFor,
} from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { AuthUser, RequestContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB, FollowUpsTable } from "../../db/schema.ts";
import { badRequest, forbidden, notFound, staleVersion } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { Timeline } from "../timeline/timeline.service.ts";
import { findVisibleCustomer, visibleTo } from "./customers.repository.ts";

export type FollowUpsService = ReturnType<typeof createFollowUpsService>;

function toFollowUp(row: FollowUpsTable & { authorName: string | null }): FollowUp {
  return { ...row, channel: row.channel as FollowUpChannel };
}

/** The author, or a lead (a user whose scope reaches beyond its own records and who may edit customers). */
export function mayManageFollowUp(user: AuthUser, followUp: { authorId: string }): boolean {
  return (
    followUp.authorId === user.id || (user.dataScope !== "own" && user.permissions.has("customers.update"))
  );
}

export function createFollowUpsService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  timeline: Timeline;
  companyTimeZone: string;
}) {
  const { db, clock, audit, timeline } = deps;

  async function loadFollowUp(tx: Kysely<DB>, user: AuthUser, id: string) {
    const row = await tx
      .selectFrom("followUps")
      .innerJoin("customers", "customers.id", "followUps.customerId")
      .leftJoin("users as author", "author.id", "followUps.authorId")
      .selectAll("followUps")
      .select("author.name as authorName")
      .where("followUps.id", "=", id)
      .where(visibleTo(user))
      .executeTakeFirst();
    if (!row) throw notFound("Follow-up");
    return row;
  }

  async function checkContact(tx: Kysely<DB>, customerId: string, contactId: string | null) {
    if (!contactId) return;
    const contact = await tx
      .selectFrom("contacts")
      .select("id")
      .where("id", "=", contactId)
      .where("customerId", "=", customerId)
      .executeTakeFirst();
    if (!contact)
      throw badRequest("That contact does not belong to this customer.", [
        { path: "contactId", message: "Unknown contact" },
      ]);
  }

  /** Carries a follow-up's next action over to the customer, and recomputes its urgency. */
  async function touchCustomer(
    tx: Kysely<DB>,
    customerId: string,
    input: FollowUpInput,
    now: string,
    isNew: boolean,
  ) {
    const customer = await tx
      .selectFrom("customers")
      .select(["nextActionDate", "nextAction", "lastFollowUpAt"])
      .where("id", "=", customerId)
      .executeTakeFirstOrThrow();
    const nextActionDate = input.nextActionDate ?? customer.nextActionDate;
    const lastFollowUpAt =
      customer.lastFollowUpAt && customer.lastFollowUpAt > now ? customer.lastFollowUpAt : now;
    await tx
      .updateTable("customers")
      .set((eb) => ({
        // Editing an old follow-up sets the next action but does not count as a new touch.
        ...(isNew ? { lastFollowUpAt, lastTouchedAt: now, poolWarnedAt: null } : {}),
        nextActionDate,
        nextAction: input.nextActionDate ? input.nextAction : customer.nextAction,
        urgency: urgencyFor(nextActionDate, todayIn(deps.companyTimeZone, clock.now())),
        updatedAt: now,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", customerId)
      .execute();
  }

  return {
    async list(user: AuthUser, customerId: string, page: { limit: number; cursor?: string }) {
      if (!(await findVisibleCustomer(db, user, customerId))) throw notFound("Customer");
      let query = db
        .selectFrom("followUps")
        .leftJoin("users as author", "author.id", "followUps.authorId")
        .selectAll("followUps")
        .select("author.name as authorName")
        .where("followUps.customerId", "=", customerId)
        .orderBy("followUps.id", "desc")
        .limit(page.limit + 1);
      if (page.cursor) query = query.where("followUps.id", "<", page.cursor);
      const rows = await query.execute();
      const items = rows.slice(0, page.limit).map(toFollowUp);
      return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
    },

    async create(ctx: RequestContext, customerId: string, input: FollowUpInput): Promise<FollowUp> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        if (!(await findVisibleCustomer(trx, ctx.user, customerId))) throw notFound("Customer");
        await checkContact(trx, customerId, input.contactId);
        const now = isoNow(clock);
        const row: FollowUpsTable = {
          id,
          customerId,
          ...input,
          authorId: ctx.user.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        await trx.insertInto("followUps").values(row).execute();
        await touchCustomer(trx, customerId, input, now, true);
        await audit.record(trx, ctx, {
          action: "follow_up.created",
          entity: "follow_up",
          entityId: id,
          after: { customerId, ...input },
        });
        await timeline.record(trx, ctx, {
          customerId,
          kind: "follow_up",
          followUpId: id,
          details: { channel: input.channel },
        });
      });
      return toFollowUp(await loadFollowUp(db, ctx.user, id));
    },

    async update(
      ctx: RequestContext,
      id: string,
      input: FollowUpInput & { version: number },
    ): Promise<FollowUp> {
      await db.transaction().execute(async (trx) => {
        const before = await loadFollowUp(trx, ctx.user, id);
        if (!mayManageFollowUp(ctx.user, before))
          throw forbidden("Only the author or a lead may change this follow-up.");
        await checkContact(trx, before.customerId, input.contactId);
        const { version, ...fields } = input;
        const result = await trx
          .updateTable("followUps")
          .set({ ...fields, updatedAt: isoNow(clock), version: version + 1 })
          .where("id", "=", id)
          .where("version", "=", version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw staleVersion();
        if (fields.nextActionDate) await touchCustomer(trx, before.customerId, fields, isoNow(clock), false);
        const { authorName: _a, createdAt: _c, updatedAt: _u, version: _v, ...beforeFields } = before;
        await audit.record(trx, ctx, {
          action: "follow_up.updated",
          entity: "follow_up",
          entityId: id,
          before: beforeFields,
          after: { ...beforeFields, ...fields },
        });
      });
      return toFollowUp(await loadFollowUp(db, ctx.user, id));
    },

    async remove(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await loadFollowUp(trx, ctx.user, id);
        if (!mayManageFollowUp(ctx.user, before))
          throw forbidden("Only the author or a lead may delete this follow-up.");
        await trx.deleteFrom("timelineEvents").where("followUpId", "=", id).execute();
        await trx.deleteFrom("followUps").where("id", "=", id).execute();
        const { authorName: _a, ...fields } = before;
        await audit.record(trx, ctx, {
          action: "follow_up.deleted",
          entity: "follow_up",
          entityId: id,
          before: fields,
        });
      });
    },
  };
}
