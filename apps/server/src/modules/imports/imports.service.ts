/**
 * Importing customers from spreadsheets (issue: customer spreadsheets in and out).
 *
 * upload → analyse (read in a worker, find the header, map the columns, check every row and
 * every duplicate, nothing written) → start (a durable job) → commit. New customers are written
 * in small batches tagged with the import, invisible to everyone until the import commits in one
 * short transaction: cancelled, failed or killed, an import leaves nothing visible, and a run
 * that starts again first removes what an earlier attempt wrote, so running it twice gives the
 * result of running it once.
 */
import {
  autoMap,
  type CustomerCreate,
  type CustomerUpdate,
  type DuplicateKey,
  describeImportReason,
  detectHeaderRow,
  duplicateKeys,
  type ImportField,
  type ImportPreview,
  type ImportSettings,
  type ImportSummary,
  importSettings,
  normalizeHeader,
  todayIn,
} from "@tradewind/domain";
import type SQLite from "better-sqlite3";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { AuthUser, RequestContext } from "../../access/identity.ts";
import { can } from "../../access/policy.ts";
import { type Clock, isoNow } from "../../clock.ts";
import { type DatabaseKind, dialectFor } from "../../db/dialect.ts";
import type {
  ContactsTable,
  CustomerKeysTable,
  CustomersTable,
  CustomerTagsTable,
  DB,
  TimelineEventsTable,
} from "../../db/schema.ts";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { IdentityService } from "../auth/identity.service.ts";
import { contactRows, newCustomerRow } from "../customers/customers.mapping.ts";
import { findByKeyValues, visibleTo } from "../customers/customers.repository.ts";
import type { CustomersService } from "../customers/customers.service.ts";
import type { Timeline } from "../timeline/timeline.service.ts";
import * as repo from "./imports.repository.ts";
import { readInWorker } from "./reader.ts";
import { isBlankRow, type MappedRow, mapRow, type OwnerDirectory, plainCells } from "./row-mapper.ts";
import { type ReadLimits, type ReadResult, SpreadsheetError } from "./spreadsheet.ts";

export interface ImportLimits extends ReadLimits {
  maxFileBytes: number;
  readTimeoutMs: number;
}

export interface ImportsDeps {
  db: Kysely<DB>;
  /** How rows are best written in bulk differs by engine (see insertMany). */
  engine: DatabaseKind;
  /** The SQLite connection behind `db`, for bulk writes inside its transactions. */
  sqlite?: SQLite.Database;
  clock: Clock;
  audit: AuditLog;
  timeline: Timeline;
  customers: CustomersService;
  identity: IdentityService;
  companyTimeZone: string;
  limits: ImportLimits;
  /** Queues the durable job that runs an import. */
  enqueueRun(importId: string): Promise<void>;
}

type Action = "create" | "update" | "skip" | "reject";

interface PlannedRow extends MappedRow {
  action: Action;
  existing: { id: string; companyName: string; ownerName: string | null } | null;
  sameAsRow: number | null;
}

/**
 * Rows written per transaction. Other requests wait for the connection while a batch is written
 * (SQLite has one), so a batch must stay short: 250 customers with their contacts, keys, tags and
 * timeline entries take well under 100 ms; 1,000 made the list's p99 nine times its idle value.
 */
const BATCH = 250;
const LIST_LIMIT = 200;

export type ImportsService = ReturnType<typeof createImportsService>;

export function createImportsService(deps: ImportsDeps) {
  const { db, clock, audit } = deps;

  /**
   * The file as the last preview read it, so that starting the import right after does not parse
   * it again (a third of the time of a 100,000-row import). One entry: the import being prepared.
   */
  let lastRead: { id: string; read: ReadResult; at: number } | null = null;
  const LAST_READ_MS = 15 * 60_000;

  async function readFile(
    id: string,
    fileName: string,
    settings: Partial<ImportSettings>,
  ): Promise<ReadResult> {
    // The kept read serves a request that asks for what it used (or leaves it to the reader).
    const kept = lastRead?.id === id && Date.now() - lastRead.at < LAST_READ_MS ? lastRead.read : null;
    if (
      kept &&
      (settings.sheet === undefined || settings.sheet === kept.sheetIndex) &&
      (settings.encoding === undefined || settings.encoding === kept.encoding)
    )
      return kept;
    lastRead = null;
    const read = await readUncached(id, fileName, settings);
    lastRead = { id, read, at: Date.now() };
    return read;
  }

  /** Frees the kept read once its import has run. */
  function forgetRead(id: string) {
    if (lastRead?.id === id) lastRead = null;
  }

  async function readUncached(
    id: string,
    fileName: string,
    settings: Partial<ImportSettings>,
  ): Promise<ReadResult> {
    const bytes = await repo.fileOf(db, id);
    if (!bytes) throw notFound("Import file");
    try {
      return await readInWorker(
        bytes,
        fileName,
        {
          ...(settings.encoding ? { encoding: settings.encoding } : {}),
          ...(settings.sheet !== undefined ? { sheet: settings.sheet } : {}),
        },
        { timeoutMs: deps.limits.readTimeoutMs, limits: deps.limits },
      );
    } catch (error) {
      if (error instanceof SpreadsheetError) {
        throw new AppError(
          error.code === "too_large" || error.code === "too_many_rows" ? 413 : 400,
          error.code === "too_large" || error.code === "too_many_rows" ? "too_large" : "validation_failed",
          error.message,
        );
      }
      throw error;
    }
  }

  async function ownerDirectory(user: AuthUser): Promise<OwnerDirectory> {
    const users = await db
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("active", "=", 1)
      .execute();
    const byKey = new Map<string, string>();
    for (const u of users) {
      byKey.set(u.email.toLowerCase(), u.id);
      if (!byKey.has(u.name.toLowerCase())) byKey.set(u.name.toLowerCase(), u.id);
    }
    return { byKey, defaultOwnerId: user.id };
  }

  function keysOf(customer: CustomerCreate): DuplicateKey[] {
    return duplicateKeys({
      companyName: customer.companyName,
      localName: customer.localName,
      website: customer.website,
      emails: customer.contacts.flatMap((c) => c.emails),
      phones: customer.contacts.flatMap((c) => c.phones),
    });
  }

  /** Existing customers by duplicate key, looked up in batches. */
  async function existingByKey(keys: DuplicateKey[]) {
    const found = new Map<
      string,
      { id: string; companyName: string; ownerName: string | null; ownerId: string | null }
    >();
    const valuesByKind = new Map<string, string[]>();
    for (const key of keys) {
      const values = valuesByKind.get(key.kind) ?? [];
      values.push(key.value);
      valuesByKind.set(key.kind, values);
    }
    const dialect = dialectFor(deps.engine);
    for (const [kind, values] of valuesByKind) {
      for (let i = 0; i < values.length; i += 5000) {
        const rows = await findByKeyValues(db, dialect, kind, values.slice(i, i + 5000));
        for (const row of rows) {
          const key = `${row.kind}:${row.value}`;
          if (!found.has(key))
            found.set(key, {
              id: row.id,
              companyName: row.companyName,
              ownerName: row.ownerName,
              ownerId: row.ownerId,
            });
        }
        await yieldToOthers();
      }
    }
    return found;
  }

  /**
   * The file's rows mapped and checked, with their duplicate keys: the same for the preview and
   * the run that follows it (only the duplicate choice and the database can differ), so the run
   * reuses the preview's work on the same read of the file instead of mapping 100,000 rows again.
   */
  const mappings = new WeakMap<
    ReadResult,
    { key: string; rows: MappedRow[]; keys: (DuplicateKey[] | null)[] }
  >();

  async function mapAll(user: AuthUser, read: ReadResult, settings: ImportSettings) {
    const owners = await ownerDirectory(user);
    const { duplicates: _choice, ...mappingSettings } = settings;
    const key = stableJson([mappingSettings, user.id, [...owners.byKey]]);
    const cached = mappings.get(read);
    if (cached?.key === key) return cached;
    const headers = (read.rows[settings.headerRow] ?? []).map((cell) =>
      cell === null ? "" : String(cell).trim(),
    );
    const rows: MappedRow[] = [];
    const keys: (DuplicateKey[] | null)[] = [];
    for (let index = settings.headerRow + 1; index < read.rows.length; index++) {
      const cells = read.rows[index] ?? [];
      if (isBlankRow(cells)) continue;
      const mapped = mapRow(cells, index + 1, headers, settings, owners, read.date1904);
      rows.push(mapped);
      keys.push(mapped.customer ? keysOf(mapped.customer) : null);
      if (rows.length % 2000 === 0) await yieldToOthers();
    }
    const entry = { key, rows, keys };
    mappings.set(read, entry);
    return entry;
  }

  /** Every row mapped, checked, and matched against the file itself and the database. */
  async function plan(user: AuthUser, read: ReadResult, settings: ImportSettings) {
    const headers = (read.rows[settings.headerRow] ?? []).map((cell) =>
      cell === null ? "" : String(cell).trim(),
    );
    const mapping = await mapAll(user, read, settings);
    const rows: PlannedRow[] = [];
    const keysByRow = new Map<PlannedRow, DuplicateKey[]>();
    const allKeys = new Map<string, DuplicateKey>();
    for (const [index, mapped] of mapping.rows.entries()) {
      const row: PlannedRow = {
        ...mapped,
        action: mapped.customer ? "create" : "reject",
        existing: null,
        sameAsRow: null,
      };
      rows.push(row);
      const keys = mapping.keys[index];
      if (!keys) continue;
      keysByRow.set(row, keys);
      for (const key of keys) allKeys.set(`${key.kind}:${key.value}`, key);
      // Long loops give way now and then, so other users' requests are answered meanwhile.
      if (index % 5000 === 4999) await yieldToOthers();
    }
    const existing = await existingByKey([...allKeys.values()]);
    const firstRowWithKey = new Map<string, number>();
    for (const [index, row] of rows.entries()) {
      if (index % 5000 === 4999) await yieldToOthers();
      const keys = keysByRow.get(row);
      if (!keys) continue;
      const match = keys.map((k) => existing.get(`${k.kind}:${k.value}`)).find(Boolean);
      const earlier = keys
        .map((k) => firstRowWithKey.get(`${k.kind}:${k.value}`))
        .find((n) => n !== undefined);
      for (const key of keys)
        if (!firstRowWithKey.has(`${key.kind}:${key.value}`))
          firstRowWithKey.set(`${key.kind}:${key.value}`, row.row);
      if (earlier !== undefined) {
        row.sameAsRow = earlier;
        row.action = settings.duplicates === "create" ? "create" : "skip";
      } else if (match) {
        row.existing = { id: match.id, companyName: match.companyName, ownerName: match.ownerName };
        row.action =
          settings.duplicates === "update" ? "update" : settings.duplicates === "create" ? "create" : "skip";
      }
    }
    return { headers, rows };
  }

  function counts(rows: PlannedRow[]) {
    const result = { create: 0, update: 0, skip: 0, reject: 0 };
    for (const row of rows) result[row.action]++;
    return result;
  }

  function ownerName(owners: Map<string, string>, id: string | undefined) {
    return id ? (owners.get(id) ?? null) : null;
  }

  async function loadVisible(user: AuthUser, id: string) {
    const row = await repo.findImport(db, id);
    if (!row || (user.dataScope === "own" && row.createdBy !== user.id)) throw notFound("Import");
    return row;
  }

  function summary(row: Awaited<ReturnType<typeof repo.findImport>> & object): ImportSummary {
    const now = clock.now().getTime();
    const elapsed = row.startedAt
      ? ((row.finishedAt ? new Date(row.finishedAt).getTime() : now) - new Date(row.startedAt).getTime()) /
        1000
      : 0;
    const rate = elapsed > 0 && row.rowsDone > 0 ? row.rowsDone / elapsed : null;
    return {
      id: row.id,
      fileName: row.fileName,
      status: row.status,
      createdBy: row.createdBy,
      createdByName: row.createdByName,
      rowsTotal: row.rowsTotal,
      rowsDone: row.rowsDone,
      createdCount: row.createdCount,
      updatedCount: row.updatedCount,
      skippedCount: row.skippedCount,
      rejectedCount: row.rejectedCount,
      error: row.error,
      rowsPerSecond: rate === null ? null : Math.round(rate),
      secondsLeft: rate && row.status === "running" ? Math.ceil((row.rowsTotal - row.rowsDone) / rate) : null,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      createdAt: row.createdAt,
    };
  }

  async function analyse(
    ctx: RequestContext,
    id: string,
    requested: Partial<ImportSettings>,
  ): Promise<ImportPreview> {
    const row = await loadVisible(ctx.user, id);
    if (row.status !== "uploaded") throw conflict("This import has already been started.");
    const read = await readFile(id, row.fileName, requested);
    const headerRow = requested.headerRow ?? Math.max(0, detectHeaderRow(read.rows));
    const headers = (read.rows[headerRow] ?? []).map((cell) => (cell === null ? "" : String(cell).trim()));
    const templateMapping = await templateFor(headers);
    const settings = importSettings.parse({
      duplicates: "skip",
      keepUnmappedAsNotes: true,
      defaultCountry: null,
      ...requested,
      sheet: read.sheetIndex,
      headerRow,
      mapping:
        requested.mapping && requested.headerRow !== undefined
          ? requested.mapping
          : (templateMapping ?? autoMap(headers)),
      ...(read.encoding ? { encoding: read.encoding } : {}),
    });
    if (settings.duplicates === "create" && !can(ctx.user, "customers.createDuplicate")) {
      throw forbidden("Creating customers that duplicate existing ones needs a lead's permission.");
    }
    const planned = await plan(ctx.user, read, settings);
    await repo.updateImport(db, id, {
      // The counts ride along (importSettings.parse drops them), so starting with the very
      // settings just previewed need not read the whole file once more.
      settings: JSON.stringify({ ...settings, previewCounts: counts(planned.rows) }),
      rowsTotal: planned.rows.length,
      updatedAt: isoNow(clock),
    });
    const users = new Map(
      (await db.selectFrom("users").select(["id", "name"]).execute()).map((u) => [u.id, u.name]),
    );
    return {
      id,
      fileName: row.fileName,
      format: read.format,
      encoding: read.encoding,
      sheets: read.sheets,
      settings,
      headers: planned.headers,
      topRows: read.rows.slice(0, Math.max(headerRow + 3, 8)).map(plainCells),
      rowsTotal: planned.rows.length,
      counts: counts(planned.rows),
      sample: planned.rows
        .filter((r) => r.customer)
        .slice(0, 20)
        .map((r) => ({
          row: r.row,
          companyName: r.customer!.companyName,
          localName: r.customer!.localName,
          country: r.customer!.country,
          ownerName: ownerName(users, r.customer!.ownerId),
          grade: r.customer!.grade,
          contact: r.customer!.contacts[0]?.name ?? null,
          email: r.customer!.contacts[0]?.emails[0] ?? null,
          phone: r.customer!.contacts[0]?.phones[0] ?? null,
          nextActionDate: r.customer!.nextActionDate,
          action: r.action === "reject" ? "skip" : r.action,
        })),
      problems: planned.rows
        .filter((r) => r.action === "reject")
        .slice(0, LIST_LIMIT)
        .map((r) => ({ row: r.row, reasons: r.problems, cells: plainCells(r.cells) })),
      duplicates: planned.rows
        .filter((r) => r.existing || r.sameAsRow !== null)
        .slice(0, LIST_LIMIT)
        .map((r) => ({
          row: r.row,
          companyName: r.customer?.companyName ?? "",
          existing: r.existing,
          sameAsRow: r.sameAsRow,
        })),
    };
  }

  async function templateFor(headers: string[]): Promise<(ImportField | null)[] | null> {
    const templates = await db
      .selectFrom("importTemplates")
      .select(["mapping"])
      .orderBy("updatedAt", "desc")
      .limit(50)
      .execute();
    const normalized = headers.map(normalizeHeader);
    for (const template of templates) {
      const mapping = JSON.parse(template.mapping) as Record<string, ImportField>;
      const known = normalized.filter((h) => h in mapping).length;
      // A template applies when it knows most of this file's columns.
      if (known > 0 && known >= Math.ceil(normalized.filter(Boolean).length * 0.8)) {
        const taken = new Set<ImportField>();
        return normalized.map((h) => {
          const field = Object.hasOwn(mapping, h) ? mapping[h]! : null;
          if (!field || taken.has(field)) return null;
          taken.add(field);
          return field;
        });
      }
    }
    return null;
  }

  /** Fields of an existing customer that an "update" import may change: the mapped ones. */
  function updateFrom(
    customer: CustomerCreate,
    mapping: (ImportField | null)[],
    version: number,
  ): CustomerUpdate {
    const mapped = new Set(mapping.filter((f): f is ImportField => f !== null));
    const update: CustomerUpdate = { version };
    const copy = <K extends keyof CustomerCreate & keyof CustomerUpdate>(field: ImportField, key: K) => {
      if (mapped.has(field)) (update as Record<string, unknown>)[key] = customer[key];
    };
    copy("companyName", "companyName");
    copy("localName", "localName");
    copy("country", "country");
    if (["address", "city", "state", "postalCode"].some((f) => mapped.has(f as ImportField)))
      update.address = customer.address;
    copy("website", "website");
    copy("industry", "industry");
    copy("source", "source");
    copy("tags", "tags");
    if (mapped.has("creditLimit")) update.creditLimit = customer.creditLimit;
    copy("creditStatus", "creditStatus");
    copy("notes", "notes");
    copy("keyAccount", "keyAccount");
    copy("dealStatus", "dealStatus");
    copy("importance", "importance");
    copy("demand", "demand");
    copy("grade", "grade");
    copy("expectedCloseDate", "expectedCloseDate");
    copy("nextActionDate", "nextActionDate");
    copy("nextAction", "nextAction");
    return update;
  }

  async function removePendingInBatches(id: string): Promise<void> {
    for (;;) {
      const ids = (
        await db.selectFrom("customers").select("id").where("importId", "=", id).limit(BATCH).execute()
      ).map((r) => r.id);
      if (ids.length === 0) break;
      await db.deleteFrom("customers").where("id", "in", ids).execute();
      await yieldToOthers();
    }
    await db.deleteFrom("importRejections").where("importId", "=", id).execute();
  }

  return {
    async upload(ctx: RequestContext, fileName: string, bytes: Uint8Array): Promise<ImportPreview> {
      const id = newId();
      const now = isoNow(clock);
      const extension = fileName.toLowerCase().split(".").pop() ?? "";
      await db.transaction().execute(async (trx) => {
        await repo.insertImport(trx, {
          id,
          createdBy: ctx.user.id,
          fileName: fileName.slice(0, 255),
          fileSize: bytes.length,
          format: extension,
          settings: "{}",
          status: "uploaded",
          rowsTotal: 0,
          rowsDone: 0,
          createdCount: 0,
          updatedCount: 0,
          skippedCount: 0,
          rejectedCount: 0,
          error: null,
          cancelRequested: 0,
          startedAt: null,
          finishedAt: null,
          committedAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await trx.insertInto("importFiles").values({ importId: id, bytes }).execute();
      });
      try {
        return await analyse(ctx, id, {});
      } catch (error) {
        // A file that cannot be read is not kept.
        await db.deleteFrom("imports").where("id", "=", id).execute();
        throw error;
      }
    },

    analyse,

    async start(ctx: RequestContext, id: string, requested: ImportSettings): Promise<ImportSummary> {
      const row = await loadVisible(ctx.user, id);
      const stored = JSON.parse(row.settings) as { previewCounts?: ReturnType<typeof counts> };
      const wanted = importSettings.parse(requested);
      const previewed =
        row.settings !== "{}" && JSON.stringify(importSettings.parse(stored)) === JSON.stringify(wanted);
      const preview =
        previewed && stored.previewCounts
          ? { fileName: row.fileName, settings: wanted, counts: stored.previewCounts }
          : await analyse(ctx, id, requested);
      if (row.status !== "uploaded") throw conflict("This import has already been started.");
      if (wanted.duplicates === "create" && !can(ctx.user, "customers.createDuplicate")) {
        throw forbidden("Creating customers that duplicate existing ones needs a lead's permission.");
      }
      if (preview.counts.create + preview.counts.update === 0) {
        throw badRequest(
          "There is nothing to import: every row is rejected or skipped. Check the mapping and the problems listed.",
        );
      }
      const now = isoNow(clock);
      await repo.updateImport(db, id, { status: "queued", updatedAt: now });
      await audit.record(db, ctx, {
        action: "import.started",
        entity: "import",
        entityId: id,
        after: { fileName: preview.fileName, settings: preview.settings, counts: preview.counts },
      });
      await deps.enqueueRun(id);
      return summary((await repo.findImport(db, id))!);
    },

    async get(user: AuthUser, id: string): Promise<ImportSummary> {
      return summary(await loadVisible(user, id));
    },

    async list(user: AuthUser, page: { limit: number; cursor?: string }) {
      const rows = await repo.listImports(
        db,
        page.cursor,
        page.limit,
        user.dataScope === "own" ? user.id : undefined,
      );
      const items = rows.slice(0, page.limit).map(summary);
      return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
    },

    async cancel(ctx: RequestContext, id: string): Promise<ImportSummary> {
      const row = await loadVisible(ctx.user, id);
      if (!["uploaded", "queued", "running"].includes(row.status))
        throw conflict("This import has already finished.");
      const now = isoNow(clock);
      if (row.status === "running") await repo.updateImport(db, id, { cancelRequested: 1, updatedAt: now });
      else await repo.updateImport(db, id, { status: "cancelled", finishedAt: now, updatedAt: now });
      await audit.record(db, ctx, {
        action: "import.cancelled",
        entity: "import",
        entityId: id,
        changes: { status: { before: row.status, after: "cancelled" } },
      });
      return summary((await repo.findImport(db, id))!);
    },

    /** The durable job: runs (or re-runs, after a crash) one import to its end. */
    async run(id: string): Promise<void> {
      const row = await repo.findImport(db, id);
      if (!row || !["queued", "running"].includes(row.status)) return;
      const user = await identityOf(row.createdBy);
      const ctx: RequestContext = { user, requestId: `import:${id}` };
      const settings = importSettings.parse(JSON.parse(row.settings));
      // Whatever an earlier, interrupted attempt wrote is removed first: the run starts clean.
      await removePendingInBatches(id);
      await repo.updateImport(db, id, {
        status: "running",
        startedAt: isoNow(clock),
        rowsDone: 0,
        error: null,
        updatedAt: isoNow(clock),
      });
      try {
        const read = await readFile(id, row.fileName, settings);
        const planned = await plan(user, read, settings);
        const today = todayIn(deps.companyTimeZone, clock.now());
        const toCreate = planned.rows.filter((r) => r.action === "create");
        const toUpdate = planned.rows.filter((r) => r.action === "update");
        const rejected = planned.rows.filter((r) => r.action === "reject");
        await repo.updateImport(db, id, { rowsTotal: planned.rows.length, updatedAt: isoNow(clock) });
        let done = 0;
        for (let i = 0; i < toCreate.length; i += BATCH) {
          if ((await repo.findImport(db, id))?.cancelRequested) throw new CancelledError();
          const batch = toCreate.slice(i, i + BATCH);
          const now = isoNow(clock);
          const customers: CustomersTable[] = [];
          const contacts: ContactsTable[] = [];
          const keys: CustomerKeysTable[] = [];
          const tags: CustomerTagsTable[] = [];
          const events: TimelineEventsTable[] = [];
          for (const planRow of batch) {
            const input = planRow.customer!;
            const customerId = newId();
            const contactList = contactRows(customerId, input.contacts, now);
            const { row: customerRow, tags: tagList } = newCustomerRow(input, contactList, {
              id: customerId,
              ownerId: input.ownerId ?? user.id,
              now,
              today,
              createdBy: user.id,
              importId: id,
            });
            customers.push(customerRow);
            contacts.push(...contactList);
            keys.push(...keysOf(input).map((k) => ({ kind: k.kind, value: k.value, customerId })));
            tags.push(...tagList.map((tag) => ({ tag, customerId })));
            events.push({
              id: newId(),
              customerId,
              at: now,
              kind: "created",
              actorId: user.id,
              details: JSON.stringify({ companyName: input.companyName, importId: id }),
              followUpId: null,
            });
          }
          await db.transaction().execute(async (trx) => {
            await insertMany(trx, deps.sqlite, "customers", customers);
            await insertMany(trx, deps.sqlite, "contacts", contacts);
            await insertMany(trx, deps.sqlite, "customerKeys", keys);
            await insertMany(trx, deps.sqlite, "customerTags", tags);
            await insertMany(trx, deps.sqlite, "timelineEvents", events);
          });
          done += batch.length;
          await repo.updateImport(db, id, { rowsDone: done, updatedAt: isoNow(clock) });
          await yieldToOthers();
        }
        for (let i = 0; i < rejected.length; i += BATCH) {
          await insertMany(
            db,
            deps.sqlite,
            "importRejections",
            rejected.slice(i, i + BATCH).map((r) => ({
              importId: id,
              rowNumber: r.row,
              cells: JSON.stringify(plainCells(r.cells)),
              reason: r.problems.join("; "),
            })),
          );
        }
        if ((await repo.findImport(db, id))?.cancelRequested) throw new CancelledError();
        // The commit: updates of existing customers and the switch that makes the new ones visible.
        let updated = 0;
        await db.transaction().execute(async (trx) => {
          for (const planRow of toUpdate) {
            const current = await trx
              .selectFrom("customers")
              .select("version")
              .where("id", "=", planRow.existing!.id)
              .where(visibleTo(user))
              .executeTakeFirst();
            if (!current) continue;
            await deps.customers.updateIn(
              trx,
              ctx,
              planRow.existing!.id,
              updateFrom(planRow.customer!, settings.mapping, current.version),
            );
            updated++;
          }
          const now = isoNow(clock);
          await trx
            .updateTable("imports")
            .set({
              status: "done",
              committedAt: now,
              finishedAt: now,
              rowsDone: planned.rows.length,
              createdCount: toCreate.length,
              updatedCount: updated,
              skippedCount: planned.rows.length - toCreate.length - updated - rejected.length,
              rejectedCount: rejected.length,
              updatedAt: now,
            })
            .where("id", "=", id)
            .execute();
          await audit.record(trx, ctx, {
            action: "import.completed",
            entity: "import",
            entityId: id,
            after: {
              fileName: row.fileName,
              created: toCreate.length,
              updated,
              rejected: rejected.length,
              skipped: planned.rows.length - toCreate.length - updated - rejected.length,
            },
          });
        });
      } catch (error) {
        await removePendingInBatches(id);
        const cancelled = error instanceof CancelledError;
        const now = isoNow(clock);
        await repo.updateImport(db, id, {
          status: cancelled ? "cancelled" : "failed",
          error: cancelled ? null : error instanceof Error ? error.message : String(error),
          createdCount: 0,
          updatedCount: 0,
          finishedAt: now,
          updatedAt: now,
        });
        if (!cancelled && !(error instanceof AppError)) throw error;
      } finally {
        forgetRead(id);
      }
    },

    /** The rejected rows with a reason column, ready to fix and import again. */
    async rejectedWorkbook(user: AuthUser, id: string): Promise<{ fileName: string; bytes: Buffer }> {
      const row = await loadVisible(user, id);
      const settings = row.settings === "{}" ? null : importSettings.parse(JSON.parse(row.settings));
      const rejections = await repo.rejectionsOf(db, id);
      const read = settings ? await readUncached(id, row.fileName, settings).catch(() => null) : null;
      const headers =
        read && settings
          ? (read.rows[settings.headerRow] ?? []).map((c) => (c === null ? "" : String(c)))
          : [];
      const zh = user.locale === "zh-CN";
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(zh ? "未导入的行" : "Rejected");
      const width = Math.max(
        headers.length,
        ...rejections.map((r) => (JSON.parse(r.cells) as unknown[]).length),
      );
      sheet.addRow([
        zh ? "行号" : "Row",
        ...Array.from({ length: width }, (_, i) => headers[i] ?? (zh ? `第 ${i + 1} 列` : `Column ${i + 1}`)),
        zh ? "原因" : "Reason",
      ]);
      for (const rejection of rejections) {
        const cells = JSON.parse(rejection.cells) as (string | number | boolean | null)[];
        const values = Array.from({ length: width }, (_, i) => cells[i] ?? null);
        // The reasons are kept as the importer wrote them and said in the reader's language here.
        const reason = rejection.reason
          .split("; ")
          .map((one) => describeImportReason(one, user.locale))
          .join(zh ? "；" : "; ");
        sheet.addRow([rejection.rowNumber, ...values, reason]);
      }
      sheet.views = [{ state: "frozen", ySplit: 1 }];
      sheet.getRow(1).font = { bold: true };
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      return { fileName: `${row.fileName.replace(/\.[^.]+$/, "")}-rejected.xlsx`, bytes };
    },

    /** Removes the customers an import created that nobody has changed since; says which it kept. */
    async undo(ctx: RequestContext, id: string) {
      const row = await loadVisible(ctx.user, id);
      if (row.status !== "done") throw conflict("Only a finished import can be undone.");
      const created = await db
        .selectFrom("customers")
        .select(["id", "companyName", "version"])
        .where("importId", "=", id)
        .execute();
      const removable = created.filter((c) => c.version === 1);
      const kept = created
        .filter((c) => c.version !== 1)
        .map((c) => ({ id: c.id, companyName: c.companyName }));
      for (let i = 0; i < removable.length; i += BATCH) {
        await db
          .deleteFrom("customers")
          .where(
            "id",
            "in",
            removable.slice(i, i + BATCH).map((c) => c.id),
          )
          .where("version", "=", 1)
          .execute();
        await yieldToOthers();
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("imports")
          .set({ status: "undone", updatedAt: isoNow(clock) })
          .where("id", "=", id)
          .execute();
        await audit.record(trx, ctx, {
          action: "import.undone",
          entity: "import",
          entityId: id,
          after: { removed: removable.length, kept: kept.map((k) => k.id) },
        });
      });
      return { removed: removable.length, kept };
    },

    async templates() {
      const rows = await db
        .selectFrom("importTemplates")
        .select(["id", "name", "mapping", "createdAt"])
        .orderBy("name")
        .limit(200)
        .execute();
      return rows.map((r) => ({ ...r, mapping: JSON.parse(r.mapping) as Record<string, ImportField> }));
    },

    async saveTemplate(
      ctx: RequestContext,
      name: string,
      headers: string[],
      mapping: (ImportField | null)[],
    ) {
      const entries: Record<string, ImportField> = {};
      headers.forEach((header, i) => {
        const field = mapping[i];
        const key = normalizeHeader(header);
        if (field && key && key !== "__proto__" && key !== "constructor" && key !== "prototype")
          entries[key] = field;
      });
      const now = isoNow(clock);
      const existing = await db
        .selectFrom("importTemplates")
        .select("id")
        .where("name", "=", name)
        .executeTakeFirst();
      const id = existing?.id ?? newId();
      if (existing)
        await db
          .updateTable("importTemplates")
          .set({ mapping: JSON.stringify(entries), updatedAt: now })
          .where("id", "=", id)
          .execute();
      else
        await db
          .insertInto("importTemplates")
          .values({
            id,
            name,
            mapping: JSON.stringify(entries),
            createdBy: ctx.user.id,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
      return { id, name, mapping: entries, createdAt: now };
    },

    async deleteTemplate(id: string) {
      const result = await db.deleteFrom("importTemplates").where("id", "=", id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw notFound("Template");
    },
  };

  async function identityOf(userId: string): Promise<AuthUser> {
    const row = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    return { ...(await deps.identity.forUser(row)), via: "session", sessionId: null, csrfToken: null };
  }
}

class CancelledError extends Error {}

/** Lets other requests run between batches: an import must not stall everyone else. */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function insertMany<T extends keyof DB>(
  db: Kysely<DB>,
  sqlite: SQLite.Database | undefined,
  table: T,
  rows: object[],
): Promise<void> {
  if (rows.length === 0) return;
  if (sqlite) {
    // SQLite runs in-process on the one connection that `db` (and its open transaction) uses:
    // one prepared statement run row by row is the floor, far below building and compiling
    // statements of thousands of values with Kysely, or a round through Kysely per row.
    const columns = Object.keys(rows[0]!);
    const statement = sqlite.prepare(
      `insert into ${snakeCase(table)} (${columns.map(snakeCase).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
    );
    for (const row of rows)
      statement.run(columns.map((column) => (row as Record<string, unknown>)[column] ?? null));
    return;
  }
  // Stay well below the engines' bound-parameter limits.
  const columns = Object.keys(rows[0]!).length;
  const perStatement = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += perStatement) {
    // The rows are the table's own row type; Kysely cannot relate the generic table to it here.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute();
  }
}

/** JSON with every object's keys in order, so equal settings give equal text however they were built. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** The database's name for a property, as the camel-case plugin maps it (keyAccountOwnerId -> key_account_owner_id). */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
