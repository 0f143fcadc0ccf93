/**
 * Who owns a customer (R-CUST-3, R-CUST-7): transfer, hand-over of a departing user's
 * customers, the public pool (公海) with its daily return of untouched customers and the
 * claim limit. The history always stays with the customer.
 */
import { DEFAULT_POOL_SETTINGS, GRADES, type PoolSettings, poolSettings } from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { ActorContext, RequestContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { badRequest, conflict, notFound } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { Notifications } from "../notifications/notifications.service.ts";
import { readSetting, writeSetting } from "../settings/settings.repository.ts";
import type { Timeline } from "../timeline/timeline.service.ts";
import { requireActiveUser } from "../users/users.repository.ts";
import { visibleTo } from "./customers.repository.ts";

const DAY = 86_400_000;
const SYSTEM: ActorContext = { user: null, requestId: null };
export const POOL_SETTINGS_KEY = "customers.pool";

export type OwnershipService = ReturnType<typeof createOwnershipService>;

export function createOwnershipService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  timeline: Timeline;
  notifications: Notifications;
}) {
  const { db, clock, audit, timeline } = deps;

  async function settings(): Promise<PoolSettings> {
    const stored = await readSetting<unknown>(db, POOL_SETTINGS_KEY);
    const parsed = poolSettings.safeParse(stored);
    return parsed.success ? parsed.data : DEFAULT_POOL_SETTINGS;
  }

  const targetUser = (tx: Kysely<DB>, id: string) =>
    requireActiveUser(tx, id, "toUserId", "Choose an active user to receive the customers.");

  async function assign(
    tx: Kysely<DB>,
    ctx: ActorContext,
    rows: { id: string; ownerId: string | null; version: number }[],
    toUserId: string,
    kind: "owner_changed" | "claimed",
  ) {
    const now = isoNow(clock);
    for (const row of rows) {
      if (row.ownerId === toUserId) continue;
      await tx
        .updateTable("customers")
        .set({
          ownerId: toUserId,
          pooledAt: null,
          poolWarnedAt: null,
          lastTouchedAt: now,
          updatedAt: now,
          version: row.version + 1,
        })
        .where("id", "=", row.id)
        .execute();
      await audit.record(tx, ctx, {
        action: kind === "claimed" ? "customer.claimed" : "customer.transferred",
        entity: "customer",
        entityId: row.id,
        before: { ownerId: row.ownerId },
        after: { ownerId: toUserId },
      });
      await timeline.record(tx, ctx, {
        customerId: row.id,
        kind,
        details: { from: row.ownerId, to: toUserId },
      });
    }
  }

  return {
    settings,

    async saveSettings(ctx: RequestContext, next: PoolSettings): Promise<PoolSettings> {
      const before = await settings();
      await db.transaction().execute(async (trx) => {
        await writeSetting(trx, POOL_SETTINGS_KEY, next, isoNow(clock));
        await audit.record(trx, ctx, {
          action: "settings.updated",
          entity: "settings",
          entityId: POOL_SETTINGS_KEY,
          before: { ...before },
          after: { ...next },
        });
      });
      return next;
    },

    /** Moves customers in the caller's scope to another owner; all or none. */
    async transfer(ctx: RequestContext, customerIds: string[], toUserId: string): Promise<number> {
      return db.transaction().execute(async (trx) => {
        await targetUser(trx, toUserId);
        const ids = [...new Set(customerIds)];
        const rows = await trx
          .selectFrom("customers")
          .select(["id", "ownerId", "version"])
          .where("id", "in", ids)
          .where(visibleTo(ctx.user))
          .execute();
        if (rows.length !== ids.length) throw notFound("Customer");
        await assign(trx, ctx, rows, toUserId, "owner_changed");
        return rows.length;
      });
    },

    /** R-CUST-3: every customer of a departing user, and its key accounts, to one successor. */
    async handOver(ctx: RequestContext, fromUserId: string, toUserId: string): Promise<number> {
      if (fromUserId === toUserId) throw badRequest("Choose a different user to hand over to.");
      return db.transaction().execute(async (trx) => {
        await targetUser(trx, toUserId);
        const rows = await trx
          .selectFrom("customers")
          .select(["id", "ownerId", "version"])
          .where("ownerId", "=", fromUserId)
          .where(visibleTo(ctx.user))
          .execute();
        await assign(trx, ctx, rows, toUserId, "owner_changed");
        const keyAccounts = await trx
          .selectFrom("customers")
          .select("id")
          .where("keyAccountOwnerId", "=", fromUserId)
          .where(visibleTo(ctx.user))
          .execute();
        for (const row of keyAccounts) {
          await trx
            .updateTable("customers")
            .set({ keyAccountOwnerId: toUserId })
            .where("id", "=", row.id)
            .execute();
          await audit.record(trx, ctx, {
            action: "customer.key_account_owner_changed",
            entity: "customer",
            entityId: row.id,
            before: { keyAccountOwnerId: fromUserId },
            after: { keyAccountOwnerId: toUserId },
          });
        }
        await audit.record(trx, ctx, {
          action: "user.customers_handed_over",
          entity: "user",
          entityId: fromUserId,
          after: { toUserId, customers: rows.length, keyAccounts: keyAccounts.length },
        });
        return rows.length;
      });
    },

    /** R-CUST-7: takes a customer from the pool, within the per-user limit. */
    async claim(ctx: RequestContext, customerId: string): Promise<void> {
      const { claimLimit } = await settings();
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom("customers")
          .select(["id", "ownerId", "version"])
          .where("id", "=", customerId)
          .where(visibleTo(ctx.user))
          .executeTakeFirst();
        if (!row) throw notFound("Customer");
        if (row.ownerId !== null)
          throw conflict("This customer is no longer in the pool; someone has claimed it.");
        const since = new Date(clock.now().getTime() - 30 * DAY).toISOString();
        const claimed = await trx
          .selectFrom("customerClaims")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("userId", "=", ctx.user.id)
          .where("at", ">=", since)
          .executeTakeFirstOrThrow();
        if (Number(claimed.n) >= claimLimit) {
          throw conflict(
            `You have claimed ${claimed.n} customers in the last 30 days; the limit is ${claimLimit}.`,
          );
        }
        await trx
          .insertInto("customerClaims")
          .values({ id: newId(), userId: ctx.user.id, customerId, at: isoNow(clock) })
          .execute();
        await assign(trx, ctx, [row], ctx.user.id, "claimed");
      });
    },

    /**
     * The daily pool job: customers without a follow-up (or a new owner) for N days return to the
     * pool; owners are told `warnDaysBefore` days ahead. N is per grade where set.
     */
    async recyclePool(): Promise<{ returned: number; warned: number }> {
      const config = await settings();
      const now = clock.now();
      let returned = 0;
      let warned = 0;
      const groups: { grades: (string | null)[] | "rest"; days: number }[] = GRADES.filter(
        (g) => config.daysByGrade[g] !== undefined,
      ).map((g) => ({
        grades: [g],
        days: config.daysByGrade[g]!,
      }));
      groups.push({ grades: "rest", days: config.days });
      const special = GRADES.filter((g) => config.daysByGrade[g] !== undefined);
      for (const group of groups) {
        const cutoff = new Date(now.getTime() - group.days * DAY).toISOString();
        const warnCutoff = new Date(now.getTime() - (group.days - config.warnDaysBefore) * DAY).toISOString();
        let due = db
          .selectFrom("customers")
          .select(["id", "ownerId", "version", "companyName", "lastTouchedAt", "grade"])
          .where("ownerId", "is not", null);
        if (group.grades === "rest") {
          if (special.length > 0)
            due = due.where((eb) => eb.or([eb("grade", "is", null), eb("grade", "not in", special)]));
        } else {
          due = due.where("grade", "in", group.grades as string[]);
        }
        const toReturn = await due.where("lastTouchedAt", "<", cutoff).limit(10_000).execute();
        for (const row of toReturn) {
          await db.transaction().execute(async (trx) => {
            const at = isoNow(clock);
            await trx
              .updateTable("customers")
              .set({
                ownerId: null,
                pooledAt: at,
                poolWarnedAt: null,
                updatedAt: at,
                version: row.version + 1,
              })
              .where("id", "=", row.id)
              .where("version", "=", row.version)
              .execute();
            await audit.record(trx, SYSTEM, {
              action: "customer.returned_to_pool",
              entity: "customer",
              entityId: row.id,
              before: { ownerId: row.ownerId },
              after: { ownerId: null },
            });
            await timeline.record(trx, SYSTEM, {
              customerId: row.id,
              kind: "pooled",
              details: { from: row.ownerId, days: group.days },
            });
            await deps.notifications.notify(trx, {
              userId: row.ownerId!,
              kind: "customer.returned_to_pool",
              params: { customer: row.companyName, days: group.days },
              link: `/customers/${row.id}`,
            });
          });
          returned++;
        }
        const toWarn = await due
          .where("lastTouchedAt", "<", warnCutoff)
          .where("lastTouchedAt", ">=", cutoff)
          .where("poolWarnedAt", "is", null)
          .limit(10_000)
          .execute();
        for (const row of toWarn) {
          await db.transaction().execute(async (trx) => {
            const daysLeft = Math.max(
              1,
              Math.ceil((new Date(row.lastTouchedAt).getTime() + group.days * DAY - now.getTime()) / DAY),
            );
            await trx
              .updateTable("customers")
              .set({ poolWarnedAt: isoNow(clock) })
              .where("id", "=", row.id)
              .execute();
            await deps.notifications.notify(trx, {
              userId: row.ownerId!,
              kind: "customer.pool_warning",
              params: { customer: row.companyName, days: daysLeft },
              link: `/customers/${row.id}`,
              dedupeKey: `pool-warning:${row.id}:${row.lastTouchedAt}`,
            });
          });
          warned++;
        }
      }
      return { returned, warned };
    },
  };
}
