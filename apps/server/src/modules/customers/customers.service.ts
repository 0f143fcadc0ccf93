/**
 * The customer archive's use cases: create with duplicate check, edit with optimistic concurrency
 * and classification, the scoped list with search, detail, delete and merge (R-CUST-1 .. R-CUST-5,
 * R-CLS-*, R-GRADE-1). Every change is audited and shows on the customer's timeline.
 */
import {
  addDays,
  addMonths,
  type Customer,
  type CustomerCreate,
  type CustomerListItem,
  type CustomerListQuery,
  type CustomerUpdate,
  type DuplicateMatch,
  duplicateKeys,
  type Grade,
  planSearch,
  suggestGrade,
  TOTAL_CAP,
  todayIn,
} from "@tradewind/domain";
import { type Kysely, sql } from "kysely";
import type { AuthUser, RequestContext } from "../../access/identity.ts";
import { can } from "../../access/policy.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { Dialect } from "../../db/dialect.ts";
import type { ContactsTable, CustomersTable, DB } from "../../db/schema.ts";
import { AppError, badRequest, forbidden, notFound, staleVersion } from "../../http/errors.ts";
import { decodeCursor, encodeCursor } from "../../http/pagination.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { Timeline } from "../timeline/timeline.service.ts";
import { requireActiveUser } from "../users/users.repository.ts";
import {
  auditView,
  type CustomerRow,
  classify,
  contactRows,
  newCustomerRow,
  searchFields,
  toCustomer,
} from "./customers.mapping.ts";
import * as repo from "./customers.repository.ts";

export interface CustomersDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  audit: AuditLog;
  timeline: Timeline;
  /** Whose calendar decides "today" for urgency and grades. */
  companyTimeZone: string;
}

export type CustomersService = ReturnType<typeof createCustomersService>;

const CLASSIFICATION_FIELDS = [
  "dealStatus",
  "importance",
  "demand",
  "grade",
  "expectedCloseDate",
  "nextActionDate",
] as const;

export function createCustomersService(deps: CustomersDeps) {
  const { db, clock, audit, timeline } = deps;
  const today = () => todayIn(deps.companyTimeZone, clock.now());

  /** The list query as the repository applies it: search planned, default order chosen. */
  function listFilter(query: CustomerListQuery): repo.ListFilter {
    const searchPlan = query.q ? planSearch(query.q) : null;
    if (searchPlan?.kind === "too_short") {
      throw badRequest("Type at least 2 characters to search.", [{ path: "q", message: "Too short" }]);
    }
    const search = searchPlan
      ? { kind: searchPlan.kind, value: deps.dialect.customerSearchValue(searchPlan) }
      : null;
    const sort = query.sort ?? (search ? "-searchOrder" : "-updatedAt");
    return { ...query, sort, today: today(), search };
  }

  async function load(
    tx: Kysely<DB>,
    user: AuthUser,
    id: string,
  ): Promise<{ row: CustomerRow; contacts: ContactsTable[] }> {
    const row = await repo.findVisibleCustomer(tx, user, id);
    if (!row) throw notFound("Customer");
    return { row, contacts: await repo.contactsOf(tx, [id]) };
  }

  const activeUser = (tx: Kysely<DB>, id: string, path: string) => requireActiveUser(tx, id, path);

  async function duplicatesOf(
    tx: Kysely<DB>,
    user: AuthUser,
    source: Parameters<typeof duplicateKeys>[0],
    excludeId?: string,
  ): Promise<DuplicateMatch[]> {
    const rows = await repo.findByKeys(tx, duplicateKeys(source), excludeId);
    const byId = new Map<string, DuplicateMatch>();
    const visibleIds = new Set(
      rows.length === 0
        ? []
        : (
            await tx
              .selectFrom("customers")
              .select("customers.id")
              .where("customers.id", "in", [...new Set(rows.map((r) => r.id))])
              .where(repo.visibleTo(user))
              .execute()
          ).map((r) => r.id),
    );
    for (const row of rows) {
      const match = byId.get(row.id) ?? {
        id: row.id,
        companyName: row.companyName,
        ownerName: row.ownerName,
        matchedOn: [],
        canOpen: visibleIds.has(row.id),
      };
      const kind = row.kind as DuplicateMatch["matchedOn"][number];
      if (!match.matchedOn.includes(kind)) match.matchedOn.push(kind);
      byId.set(row.id, match);
    }
    return [...byId.values()].slice(0, 20);
  }

  function duplicateSource(
    fields: { companyName: string; localName: string | null; website: string | null },
    contacts: ContactsTable[],
  ) {
    return {
      companyName: fields.companyName,
      localName: fields.localName,
      website: fields.website,
      emails: contacts.flatMap((c) => JSON.parse(c.emails) as string[]),
      phones: contacts.flatMap((c) => JSON.parse(c.phones) as string[]),
    };
  }

  async function writeIndexes(
    tx: Kysely<DB>,
    id: string,
    fields: { companyName: string; localName: string | null; website: string | null },
    contacts: ContactsTable[],
    tags: string[],
  ) {
    await repo.replaceKeys(tx, id, duplicateKeys(duplicateSource(fields, contacts)));
    await repo.replaceTags(tx, id, tags);
  }

  async function updateIn(
    trx: Kysely<DB>,
    ctx: RequestContext,
    id: string,
    input: CustomerUpdate,
  ): Promise<void> {
    const { user } = ctx;
    const { row, contacts: existingContacts } = await load(trx, user, id);
    if (row.version !== input.version) throw staleVersion();
    const before = toCustomer(row, existingContacts);
    const now = isoNow(clock);
    if (input.keyAccountOwnerId) await activeUser(trx, input.keyAccountOwnerId, "keyAccountOwnerId");
    const merged = {
      companyName: input.companyName ?? row.companyName,
      localName: input.localName !== undefined ? input.localName : row.localName,
      website: input.website !== undefined ? input.website : row.website,
      demand: input.demand ?? before.demand,
      expectedCloseDate:
        input.expectedCloseDate !== undefined ? input.expectedCloseDate : row.expectedCloseDate,
      nextActionDate: input.nextActionDate !== undefined ? input.nextActionDate : row.nextActionDate,
    };
    const contacts = input.contacts
      ? contactRows(id, input.contacts, now, existingContacts)
      : existingContacts;
    const classified = classify(
      merged,
      { grade: before.grade, gradeOverridden: before.gradeOverridden },
      input.grade,
      today(),
    );
    const keyAccount = input.keyAccount ?? before.keyAccount;
    const tags = input.tags ? [...new Set(input.tags)] : before.tags;
    const changes: Partial<CustomersTable> = {
      ...merged,
      ...classified,
      country: input.country ?? row.country,
      address: input.address !== undefined ? input.address : row.address,
      industry: input.industry !== undefined ? input.industry : row.industry,
      source: input.source ?? row.source,
      sourceDetail: input.sourceDetail !== undefined ? input.sourceDetail : row.sourceDetail,
      tags: JSON.stringify(tags),
      creditLimitMinor:
        input.creditLimit !== undefined ? (input.creditLimit?.minor ?? null) : row.creditLimitMinor,
      creditCurrency:
        input.creditLimit !== undefined ? (input.creditLimit?.currency ?? null) : row.creditCurrency,
      creditStatus: input.creditStatus ?? row.creditStatus,
      notes: input.notes !== undefined ? input.notes : row.notes,
      keyAccount: keyAccount ? 1 : 0,
      keyAccountOwnerId: keyAccount
        ? input.keyAccountOwnerId !== undefined
          ? input.keyAccountOwnerId
          : row.keyAccountOwnerId
        : null,
      timeZone: input.timeZone !== undefined ? input.timeZone : row.timeZone,
      dealStatus: input.dealStatus ?? row.dealStatus,
      importance: input.importance !== undefined ? input.importance : row.importance,
      nextAction: input.nextAction !== undefined ? input.nextAction : row.nextAction,
      ...searchFields(merged, contacts),
      updatedAt: now,
    };
    if ((await repo.updateCustomerAtVersion(trx, id, input.version, changes)) === 0) throw staleVersion();
    if (input.contacts) await repo.replaceContacts(trx, id, contacts);
    await writeIndexes(trx, id, merged, contacts, tags);
    const after = toCustomer(
      { ...row, ...changes, version: row.version + 1, ownerName: row.ownerName },
      contacts,
    );
    await audit.record(trx, ctx, {
      action: "customer.updated",
      entity: "customer",
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    const changedFields = Object.keys(auditView(after)).filter(
      (key) => JSON.stringify(auditView(before)[key]) !== JSON.stringify(auditView(after)[key]),
    );
    const classification = changedFields.filter((f) =>
      (CLASSIFICATION_FIELDS as readonly string[]).includes(f),
    );
    if (input.grade && after.gradeOverridden && input.grade !== before.grade) {
      // R-GRADE-1: an override is audited with the suggested grade beside it.
      await audit.record(trx, ctx, {
        action: "customer.grade_overridden",
        entity: "customer",
        entityId: id,
        changes: {
          grade: { before: before.grade, after: input.grade },
          suggestedGrade: { before: after.suggestedGrade, after: after.suggestedGrade },
        },
      });
      await timeline.record(trx, ctx, {
        customerId: id,
        kind: "grade_override",
        details: { before: before.grade, after: input.grade, suggested: after.suggestedGrade },
      });
    }
    if (classification.length > 0) {
      await timeline.record(trx, ctx, {
        customerId: id,
        kind: "classification",
        details: Object.fromEntries(
          classification.map((f) => [
            f,
            { before: auditView(before)[f] ?? null, after: auditView(after)[f] ?? null },
          ]),
        ),
      });
    }
    const others = changedFields.filter((f) => !classification.includes(f));
    if (others.length > 0)
      await timeline.record(trx, ctx, { customerId: id, kind: "updated", details: { fields: others } });
  }

  return {
    today,

    async list(
      user: AuthUser,
      query: CustomerListQuery,
    ): Promise<{
      items: CustomerListItem[];
      nextCursor: string | null;
      total: number | null;
      totalCapped: boolean;
    }> {
      const filter = listFilter(query);
      const after = decodeCursor(query.cursor, 2);
      const rows = await repo.listPage(db, deps.dialect, user, filter, after);
      const page = rows.slice(0, query.limit);
      const primaries = await repo.primaryContacts(
        db,
        page.map((r) => r.id),
      );
      const primaryOf = new Map(primaries.map((p) => [p.customerId, p]));
      const items = page.map((row): CustomerListItem => {
        const { contacts: _contacts, notes: _notes, address: _address, ...rest } = toCustomer(row, []);
        const primary = primaryOf.get(row.id);
        return {
          ...rest,
          primaryContact: primary
            ? {
                name: primary.name,
                email: (JSON.parse(primary.emails) as string[])[0] ?? null,
                phone: (JSON.parse(primary.phones) as string[])[0] ?? null,
              }
            : null,
        };
      });
      const last = page.at(-1);
      const nextCursor =
        rows.length > query.limit && last ? encodeCursor([repo.sortValue(last), last.id]) : null;
      let total: number | null = null;
      if (query.withTotal === "true")
        total = await repo.countCapped(db, deps.dialect, user, filter, TOTAL_CAP);
      return {
        items,
        nextCursor,
        total: total === null ? null : Math.min(total, TOTAL_CAP),
        totalCapped: total !== null && total > TOTAL_CAP,
      };
    },

    /**
     * The ids of every customer in the list (its filters, sort and scope), in its order, up to
     * `limit`: an export reads them once and then the customers a thousand at a time, instead of
     * asking for the list page after page (each page of a search runs the search again).
     */
    async listIds(user: AuthUser, query: Omit<CustomerListQuery, "limit" | "cursor">, limit: number) {
      const filter = listFilter({ ...query, limit });
      const rows = await repo
        .listPageQuery(db, deps.dialect, user, filter, null, limit)
        .clearSelect()
        .select("customers.id")
        .execute();
      return rows.map((r) => r.id);
    },

    /** Whole customers by id, in the order asked, among those the user may see. */
    async getMany(user: AuthUser, ids: string[]): Promise<Customer[]> {
      if (ids.length === 0) return [];
      const rows = await repo.findVisibleCustomerViews(db, user, ids);
      const contacts = await repo.contactViewsOf(db, ids);
      const contactsOf = new Map<string, ContactsTable[]>();
      for (const contact of contacts) {
        const list = contactsOf.get(contact.customerId) ?? [];
        if (list.length === 0) contactsOf.set(contact.customerId, list);
        list.push(contact);
      }
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toCustomer(row, contactsOf.get(id) ?? [])] : [];
      });
    },

    async get(user: AuthUser, id: string): Promise<Customer> {
      const { row, contacts } = await load(db, user, id);
      return toCustomer(row, contacts);
    },

    /** R-CUST-5: matches by name, e-mail domain, phone or website, naming each match's owner. */
    async checkDuplicates(
      user: AuthUser,
      input: {
        companyName: string;
        localName?: string | null;
        website?: string | null;
        emails: string[];
        phones: string[];
        excludeId?: string;
      },
    ) {
      return duplicatesOf(db, user, input, input.excludeId);
    },

    async create(ctx: RequestContext, input: CustomerCreate): Promise<Customer> {
      const { user } = ctx;
      const ownerId = input.ownerId ?? user.id;
      if (ownerId !== user.id && !can(user, "customers.transfer")) {
        throw forbidden("You may create customers for yourself only; ask a lead to assign them.");
      }
      const now = isoNow(clock);
      const id = newId();
      const created = await db.transaction().execute(async (trx) => {
        await activeUser(trx, ownerId, "ownerId");
        if (input.keyAccountOwnerId) await activeUser(trx, input.keyAccountOwnerId, "keyAccountOwnerId");
        const contacts = contactRows(id, input.contacts, now);
        const duplicates = await duplicatesOf(trx, user, duplicateSource(input, contacts));
        if (duplicates.length > 0) {
          if (!input.force) {
            throw new AppError(
              409,
              "duplicate",
              "This customer may already exist. Check the matches, or create it anyway with a reason.",
              duplicates,
            );
          }
          if (!can(user, "customers.createDuplicate"))
            throw forbidden("Creating a customer that duplicates another needs a lead's permission.");
          if (!input.duplicateReason) {
            throw badRequest("Say why this is not a duplicate.", [
              { path: "duplicateReason", message: "Required when creating anyway" },
            ]);
          }
        }
        const { row, tags } = newCustomerRow(input, {
          id,
          ownerId,
          now,
          today: today(),
          createdBy: user.id,
          importId: null,
        });
        await repo.insertCustomer(trx, row);
        for (const contact of contacts) await trx.insertInto("contacts").values(contact).execute();
        await writeIndexes(trx, id, input, contacts, tags);
        const customer = toCustomer({ ...row, ownerName: null }, contacts);
        await audit.record(trx, ctx, {
          action: duplicates.length > 0 ? "customer.created_despite_duplicates" : "customer.created",
          entity: "customer",
          entityId: id,
          after: {
            ...auditView(customer),
            ...(duplicates.length > 0
              ? { duplicateReason: input.duplicateReason, duplicates: duplicates.map((d) => d.id) }
              : {}),
          },
        });
        await timeline.record(trx, ctx, {
          customerId: id,
          kind: "created",
          details: { companyName: input.companyName },
        });
        return id;
      });
      return this.get(user, created);
    },

    async update(ctx: RequestContext, id: string, input: CustomerUpdate): Promise<Customer> {
      await db.transaction().execute((trx) => updateIn(trx, ctx, id, input));
      return this.get(ctx.user, id);
    },

    /** The same edit inside a transaction the caller owns (an import applies many at once). */
    updateIn,

    async remove(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const { row, contacts } = await load(trx, ctx.user, id);
        await trx.deleteFrom("customers").where("id", "=", id).execute();
        await audit.record(trx, ctx, {
          action: "customer.deleted",
          entity: "customer",
          entityId: id,
          before: auditView(toCustomer(row, contacts)),
        });
      });
    },

    /**
     * Merges `sourceId` into `survivorId`: contacts, follow-ups, history and tags move over, empty
     * fields of the survivor are filled from the source, and the source is removed.
     */
    async merge(ctx: RequestContext, survivorId: string, sourceId: string): Promise<Customer> {
      if (survivorId === sourceId) throw badRequest("Choose two different customers to merge.");
      await db.transaction().execute(async (trx) => {
        const survivor = await load(trx, ctx.user, survivorId);
        const source = await load(trx, ctx.user, sourceId);
        const now = isoNow(clock);
        const position = survivor.contacts.length;
        for (const [index, contact] of source.contacts.entries()) {
          await trx
            .updateTable("contacts")
            .set({
              customerId: survivorId,
              isPrimary: survivor.contacts.length === 0 && contact.isPrimary === 1 ? 1 : 0,
              position: position + index,
              updatedAt: now,
            })
            .where("id", "=", contact.id)
            .execute();
        }
        await trx
          .updateTable("followUps")
          .set({ customerId: survivorId })
          .where("customerId", "=", sourceId)
          .execute();
        await timeline.moveAll(trx, sourceId, survivorId);
        const contacts = await repo.contactsOf(trx, [survivorId]);
        const s = survivor.row;
        const o = source.row;
        const tags = [...new Set([...(JSON.parse(s.tags) as string[]), ...(JSON.parse(o.tags) as string[])])];
        const fields = {
          companyName: s.companyName,
          localName: s.localName ?? o.localName,
          website: s.website ?? o.website,
        };
        const latest = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
        const changes: Partial<CustomersTable> = {
          localName: fields.localName,
          website: fields.website,
          address: s.address ?? o.address,
          industry: s.industry ?? o.industry,
          notes: [s.notes, o.notes].filter(Boolean).join("\n\n") || null,
          tags: JSON.stringify(tags),
          lastFollowUpAt: latest(s.lastFollowUpAt, o.lastFollowUpAt),
          lastTouchedAt: latest(s.lastTouchedAt, o.lastTouchedAt) ?? now,
          ...searchFields(fields, contacts),
          updatedAt: now,
        };
        if ((await repo.updateCustomerAtVersion(trx, survivorId, s.version, changes)) === 0)
          throw staleVersion();
        await trx.deleteFrom("customers").where("id", "=", sourceId).execute();
        await writeIndexes(trx, survivorId, fields, contacts, tags);
        await audit.record(trx, ctx, {
          action: "customer.merged",
          entity: "customer",
          entityId: survivorId,
          changes: {
            mergedFrom: {
              before: null,
              after: { id: sourceId, companyName: o.companyName, ownerId: o.ownerId },
            },
          },
        });
        await audit.record(trx, ctx, {
          action: "customer.merged_away",
          entity: "customer",
          entityId: sourceId,
          before: auditView(toCustomer(source.row, source.contacts)),
        });
        await timeline.record(trx, ctx, {
          customerId: survivorId,
          kind: "merged",
          details: { sourceId, companyName: o.companyName, contacts: source.contacts.length },
        });
      });
      return this.get(ctx.user, survivorId);
    },

    /** Address, notes and contacts of many customers at once (the list leaves them out). */
    timeline: (customerId: string, page: { limit: number; beforeId?: string }) =>
      timeline.list(db, customerId, page),

    async tagsInUse(user: AuthUser): Promise<string[]> {
      const rows = await db
        .selectFrom("customerTags")
        .innerJoin("customers", "customers.id", "customerTags.customerId")
        .select("customerTags.tag")
        .where(repo.visibleTo(user))
        .groupBy("customerTags.tag")
        .orderBy("customerTags.tag")
        .limit(500)
        .execute();
      return rows.map((r) => r.tag);
    },

    /** Adds and removes tags on many customers at once; customers outside the scope are not found. */
    async bulkTags(ctx: RequestContext, ids: string[], add: string[], remove: string[]): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const visible = await trx
          .selectFrom("customers")
          .select(["id", "tags", "version"])
          .where("id", "in", ids)
          .where(repo.visibleTo(ctx.user))
          .execute();
        if (visible.length !== new Set(ids).size) throw notFound("Customer");
        const now = isoNow(clock);
        for (const row of visible) {
          const before = JSON.parse(row.tags) as string[];
          const after = [...new Set([...before.filter((t) => !remove.includes(t)), ...add])];
          if (JSON.stringify(before) === JSON.stringify(after)) continue;
          await trx
            .updateTable("customers")
            .set({ tags: JSON.stringify(after), updatedAt: now, version: row.version + 1 })
            .where("id", "=", row.id)
            .execute();
          await repo.replaceTags(trx, row.id, after);
          await audit.record(trx, ctx, {
            action: "customer.updated",
            entity: "customer",
            entityId: row.id,
            before: { tags: before },
            after: { tags: after },
          });
        }
        return visible.length;
      });
    },

    /** Nightly: merges the search indexes' segments so searches stay fast after big imports. */
    async optimizeSearch(): Promise<void> {
      await deps.dialect.optimizeCustomerSearch(db as Kysely<unknown>);
    },

    /** R-CLS-3 daily: urgency and suggested grades move with the calendar; overridden grades stay. */
    async recomputeClassification(): Promise<{ urgency: number; grades: number }> {
      const day = today();
      const week = addDays(day, 7);
      const month = addMonths(day, 1);
      const quarter = addMonths(day, 3);
      const urgencyCase = sql`case when next_action_date is null then null
        when next_action_date <= ${week} then 'urgent' when next_action_date <= ${month} then 'moderate'
        when next_action_date <= ${quarter} then 'not_urgent' else 'slow' end`;
      const urgency = await sql`update customers set urgency = ${urgencyCase}
        where coalesce(urgency, '') <> coalesce(${urgencyCase}, '')`.execute(db);
      // Only a clear need with a close date has a suggestion that moves with time.
      const candidates = await db
        .selectFrom("customers")
        .select(["id", "demand", "expectedCloseDate", "suggestedGrade", "grade", "gradeOverridden"])
        .where("demand", "=", "target")
        .where("expectedCloseDate", "is not", null)
        .where("expectedCloseDate", "<=", addDays(addMonths(day, 6), 1))
        .execute();
      let grades = 0;
      for (const row of candidates) {
        const suggested = suggestGrade("target", row.expectedCloseDate, day) as Grade | null;
        if (suggested === row.suggestedGrade) continue;
        const grade = row.gradeOverridden === 1 ? row.grade : suggested;
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable("customers")
            .set({ suggestedGrade: suggested, grade })
            .where("id", "=", row.id)
            .execute();
          if (grade !== row.grade) {
            const system = { user: null, requestId: null };
            await audit.record(trx, system, {
              action: "customer.grade_recomputed",
              entity: "customer",
              entityId: row.id,
              before: { grade: row.grade },
              after: { grade },
            });
            await timeline.record(trx, system, {
              customerId: row.id,
              kind: "classification",
              details: { grade: { before: row.grade, after: grade } },
            });
          }
        });
        grades++;
      }
      return { urgency: Number(urgency.numAffectedRows ?? 0), grades };
    },
  };
}
