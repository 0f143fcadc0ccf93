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
  type Cell,
  type CustomerCreate,
  type CustomerUpdate,
  describeImportReason,
  detectHeaderRow,
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
import { startWorker } from "../../workers/start-worker.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { IdentityService } from "../auth/identity.service.ts";
import { contactRows, newCustomerRow } from "../customers/customers.mapping.ts";
import { committed, findByKeyValues, findKeysOf, visibleTo } from "../customers/customers.repository.ts";
import type { CustomersService } from "../customers/customers.service.ts";
import type { Timeline } from "../timeline/timeline.service.ts";
import * as repo from "./imports.repository.ts";
import { readInWorker } from "./reader.ts";
import {
  isBlankRow,
  type MappedRow,
  type MappedWithKeys,
  type MappingContext,
  mapWithKeys,
  type OwnerDirectory,
  plainCells,
} from "./row-mapper.ts";
import { type ReadLimits, type ReadResult, SpreadsheetError } from "./spreadsheet.ts";

export interface ImportLimits extends ReadLimits {
  maxFileBytes: number;
  readTimeoutMs: number;
  /** Files with at least this many rows are mapped on two threads. */
  parallelMappingFrom: number;
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

/** The existing customer a row duplicates. */
interface Existing {
  id: string;
  companyName: string;
  ownerName: string | null;
}

interface Mapping {
  /** The settings and owners it was made with. */
  key: string;
  headers: string[];
  rows: MappedRow[];
  /** Per row, its duplicate keys as "kind:value" (null for a rejected row). */
  keys: (string[] | null)[];
  /** Per row, the number of an earlier row of the file that shares a key with it, or 0. */
  sameAsRow: Int32Array;
  /** Every distinct key value in the file, by kind: what to look up in the database. */
  valuesByKind: Map<string, string[]>;
  /** The file's keys found in the database at the last check, and when that check began. */
  checked?: { at: string; byKey: Map<string, Existing> };
}

/** New customers of an import and what belongs to them, written together. */
interface PendingBatch {
  customers: CustomersTable[];
  contacts: ContactsTable[];
  keys: CustomerKeysTable[];
  tags: CustomerTagsTable[];
  events: TimelineEventsTable[];
}

/** What the import will do with each row (by its index in mapping.rows). */
interface Plan {
  mapping: Mapping;
  actions: Action[];
  existing: Map<number, Existing>;
  counts: Record<Action, number>;
}

/**
 * Rows written per transaction. Other requests wait for the connection while a batch is written
 * (SQLite has one), so a batch must stay short: 250 customers with their contacts, keys, tags and
 * timeline entries take well under 100 ms; 1,000 made the list's p99 nine times its idle value.
 */
const BATCH = 250;

/**
 * SQLite copies the write-ahead log back into the database file once it passes 1,000 pages: after
 * nearly every batch of an import, each time rewriting the same index pages. During an import the
 * import does it itself every this many batches (a twentieth of the work, measured: 100,000
 * customers written in 33 s instead of 51 s).
 */
const CHECKPOINT_EVERY = 20;
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

  /** Existing customers by duplicate key ("kind:value"), looked up 5,000 values at a time. */
  async function existingByKey(valuesByKind: Map<string, string[]>) {
    const found = new Map<string, Existing>();
    const dialect = dialectFor(deps.engine);
    for (const [kind, values] of valuesByKind) {
      for (let i = 0; i < values.length; i += 5000) {
        const rows = await findByKeyValues(db, dialect, kind, values.slice(i, i + 5000));
        for (const row of rows) {
          const key = `${row.kind}:${row.value}`;
          if (!found.has(key))
            found.set(key, { id: row.id, companyName: row.companyName, ownerName: row.ownerName });
        }
        await yieldToOthers();
      }
    }
    return found;
  }

  /**
   * Maps the rows in file order. A big file's second half goes to a worker thread while this
   * thread maps the first (100,000 rows took ~12 s on one core: phone numbers, validation, keys);
   * should the worker fail, this thread maps that half too. An accepted row's cells are dropped:
   * only a rejected row's are shown again, so the file's cells can be freed once the import runs.
   */
  async function mapRows(
    rows: { cells: Cell[]; row: number }[],
    context: MappingContext,
  ): Promise<MappedWithKeys[]> {
    const mapHere = async (share: typeof rows) => {
      const mapped: MappedWithKeys[] = [];
      for (const { cells, row } of share) {
        mapped.push(mapWithKeys(cells, row, context));
        // Giving way lets other requests (and the worker's answer) in.
        if (mapped.length % 2000 === 0) await yieldToOthers();
      }
      return mapped;
    };
    if (rows.length < deps.limits.parallelMappingFrom) return mapHere(rows);
    const middle = Math.ceil(rows.length / 2);
    const secondHalf = rows.slice(middle);
    const fromWorker = new Promise<MappedWithKeys[] | null>((resolve) => {
      const worker = startWorker(new URL("./mapper.worker.ts", import.meta.url), {
        workerData: { context, rows: secondHalf },
      });
      worker.once("message", (mapped: MappedWithKeys[]) => {
        resolve(mapped);
        void worker.terminate();
      });
      worker.once("error", () => resolve(null));
      worker.once("exit", () => resolve(null));
    });
    const first = await mapHere(rows.slice(0, middle));
    const second = (await fromWorker) ?? (await mapHere(secondHalf));
    return first.concat(second);
  }

  /**
   * The file's rows mapped and checked, with their duplicate keys and their duplicates within the
   * file: all of it depends on the file and the settings only, so the run that follows a preview
   * with the same settings reuses it instead of mapping 100,000 rows again. Only the database
   * can have changed in between; plan() asks it again.
   */
  const mappings = new WeakMap<ReadResult, Mapping>();

  async function mapAll(user: AuthUser, read: ReadResult, settings: ImportSettings): Promise<Mapping> {
    const owners = await ownerDirectory(user);
    const { duplicates: _choice, ...mappingSettings } = settings;
    const key = stableJson([mappingSettings, user.id, [...owners.byKey]]);
    const cached = mappings.get(read);
    if (cached?.key === key) return cached;
    const headers = (read.rows[settings.headerRow] ?? []).map((cell) =>
      cell === null ? "" : String(cell).trim(),
    );
    const context: MappingContext = { headers, settings, owners, date1904: read.date1904 };
    const filled: { cells: Cell[]; row: number }[] = [];
    for (let index = settings.headerRow + 1; index < read.rows.length; index++) {
      const cells = read.rows[index] ?? [];
      if (!isBlankRow(cells)) filled.push({ cells, row: index + 1 });
    }
    const results = await mapRows(filled, context);
    const rows: MappedRow[] = [];
    const keys: (string[] | null)[] = [];
    const sameAs: number[] = [];
    const firstRowWithKey = new Map<string, number>();
    const valuesByKind = new Map<string, string[]>();
    for (const { mapped, keys: rowKeys } of results) {
      rows.push(mapped);
      keys.push(rowKeys);
      let earlier = 0;
      for (const rowKey of rowKeys ?? []) {
        const first = firstRowWithKey.get(rowKey);
        if (first === undefined) {
          firstRowWithKey.set(rowKey, mapped.row);
          const colon = rowKey.indexOf(":");
          const kind = rowKey.slice(0, colon);
          const values = valuesByKind.get(kind) ?? [];
          if (values.length === 0) valuesByKind.set(kind, values);
          values.push(rowKey.slice(colon + 1));
        } else if (earlier === 0) earlier = first;
      }
      sameAs.push(earlier);
      if (rows.length % 5000 === 0) await yieldToOthers();
    }
    const entry: Mapping = { key, headers, rows, keys, sameAsRow: Int32Array.from(sameAs), valuesByKind };
    mappings.set(read, entry);
    return entry;
  }

  /**
   * The file's keys found in the database, as a preview found them, brought up to date: matches
   * that are gone or changed are dropped, and the keys of every customer changed (or made
   * visible by another import) since are added. The same answer as looking up all the file's
   * keys again, for the few customers that changed instead of 400,000 key values.
   */
  async function recheckExisting(known: NonNullable<Mapping["checked"]>): Promise<Map<string, Existing>> {
    // Transactions stamp their rows before they commit: look back well past the longest one.
    const since = new Date(new Date(known.at).getTime() - 60_000).toISOString();
    const changed = new Set(
      (
        await db
          .selectFrom("customers")
          .select("id")
          .where((eb) =>
            eb.or([
              eb("updatedAt", ">=", since),
              eb("importId", "in", eb.selectFrom("imports").select("id").where("committedAt", ">=", since)),
            ]),
          )
          .where(committed)
          .execute()
      ).map((r) => r.id),
    );
    const matched = [...new Set([...known.byKey.values()].map((e) => e.id))];
    const stillThere = new Set<string>();
    for (let i = 0; i < matched.length; i += 5000) {
      const rows = await db
        .selectFrom("customers")
        .select("id")
        .where("id", "in", matched.slice(i, i + 5000))
        .where(committed)
        .execute();
      for (const row of rows) stillThere.add(row.id);
    }
    const byKey = new Map<string, Existing>();
    for (const [key, existing] of known.byKey)
      if (stillThere.has(existing.id) && !changed.has(existing.id)) byKey.set(key, existing);
    const changedIds = [...changed];
    for (let i = 0; i < changedIds.length; i += 5000) {
      const rows = await findKeysOf(db, changedIds.slice(i, i + 5000));
      // Keys that are not in the file are never asked for: no need to sort them out.
      for (const row of rows) {
        const key = `${row.kind}:${row.value}`;
        if (!byKey.has(key))
          byKey.set(key, { id: row.id, companyName: row.companyName, ownerName: row.ownerName });
      }
      await yieldToOthers();
    }
    return byKey;
  }

  /** Every row mapped, checked, and matched against the file itself and the database. */
  async function plan(user: AuthUser, read: ReadResult, settings: ImportSettings): Promise<Plan> {
    const mapping = await mapAll(user, read, settings);
    const checkedAt = isoNow(clock);
    const recent =
      mapping.checked && clock.now().getTime() - new Date(mapping.checked.at).getTime() < LAST_READ_MS;
    const existingKeys =
      recent && mapping.checked
        ? await recheckExisting(mapping.checked)
        : await existingByKey(mapping.valuesByKind);
    mapping.checked = { at: checkedAt, byKey: existingKeys };
    const actions: Action[] = [];
    const existing = new Map<number, Existing>();
    const counts = { create: 0, update: 0, skip: 0, reject: 0 };
    for (const [index, row] of mapping.rows.entries()) {
      // Long loops give way now and then, so other users' requests are answered meanwhile.
      if (index % 5000 === 4999) await yieldToOthers();
      let action: Action = "create";
      if (!row.customer) action = "reject";
      else if (mapping.sameAsRow[index]! > 0) action = settings.duplicates === "create" ? "create" : "skip";
      else {
        let match: Existing | undefined;
        for (const rowKey of mapping.keys[index] ?? []) {
          match = existingKeys.get(rowKey);
          if (match) break;
        }
        if (match) {
          existing.set(index, match);
          action =
            settings.duplicates === "update"
              ? "update"
              : settings.duplicates === "create"
                ? "create"
                : "skip";
        }
      }
      actions.push(action);
      counts[action]++;
    }
    return { mapping, actions, existing, counts };
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
    const { mapping, actions } = planned;
    await repo.updateImport(db, id, {
      // The counts ride along (importSettings.parse drops them), so starting with the very
      // settings just previewed need not read the whole file once more.
      settings: JSON.stringify({ ...settings, previewCounts: planned.counts }),
      rowsTotal: mapping.rows.length,
      updatedAt: isoNow(clock),
    });
    const users = new Map(
      (await db.selectFrom("users").select(["id", "name"]).execute()).map((u) => [u.id, u.name]),
    );
    const rowsWhere = (test: (index: number) => boolean, limit: number) => {
      const found: number[] = [];
      for (let index = 0; index < mapping.rows.length && found.length < limit; index++)
        if (test(index)) found.push(index);
      return found;
    };
    return {
      id,
      fileName: row.fileName,
      format: read.format,
      encoding: read.encoding,
      sheets: read.sheets,
      settings,
      headers: mapping.headers,
      topRows: read.rows.slice(0, Math.max(headerRow + 3, 8)).map(plainCells),
      rowsTotal: mapping.rows.length,
      counts: planned.counts,
      sample: rowsWhere((i) => mapping.rows[i]!.customer !== null, 20).map((i) => {
        const customer = mapping.rows[i]!.customer!;
        return {
          row: mapping.rows[i]!.row,
          companyName: customer.companyName,
          localName: customer.localName,
          country: customer.country,
          ownerName: ownerName(users, customer.ownerId),
          grade: customer.grade,
          contact: customer.contacts[0]?.name ?? null,
          email: customer.contacts[0]?.emails[0] ?? null,
          phone: customer.contacts[0]?.phones[0] ?? null,
          nextActionDate: customer.nextActionDate,
          action: actions[i] === "reject" ? "skip" : actions[i]!,
        };
      }),
      problems: rowsWhere((i) => actions[i] === "reject", LIST_LIMIT).map((i) => {
        const mapped = mapping.rows[i]!;
        return { row: mapped.row, reasons: mapped.problems, cells: plainCells(mapped.cells) };
      }),
      duplicates: rowsWhere((i) => planned.existing.has(i) || mapping.sameAsRow[i]! > 0, LIST_LIMIT).map(
        (i) => ({
          row: mapping.rows[i]!.row,
          companyName: mapping.rows[i]!.customer?.companyName ?? "",
          existing: planned.existing.get(i) ?? null,
          sameAsRow: mapping.sameAsRow[i]! > 0 ? mapping.sameAsRow[i]! : null,
        }),
      ),
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

  /**
   * Writes one batch of an import's new customers (invisible until the import commits) and the
   * import's progress, in one transaction.
   *
   * SQLite: the batch is written synchronously on the connection, held through Kysely so no other
   * request's statements interleave, with synchronous=NORMAL: a batch that a power cut loses
   * is one the re-run writes again (the commit itself is FULL and makes all earlier batches
   * durable with it, the WAL being sequential), so an fsync per batch buys nothing. The customers'
   * search entries are written here, a batch per statement (see migration 0004), and the log is
   * copied back every CHECKPOINT_EVERY batches (see pauseAutoCheckpoint).
   */
  let batchesWritten = 0;

  function pauseAutoCheckpoint(): () => void {
    return deps.sqlite ? pauseWalAutoCheckpoint(deps.sqlite) : () => {};
  }

  async function writePending(
    importId: string,
    batch: PendingBatch,
    progress: { rowsDone: number; updatedAt: string },
  ): Promise<void> {
    const sqlite = deps.sqlite;
    if (!sqlite) {
      await db.transaction().execute(async (trx) => {
        await insertMany(trx, undefined, "customers", batch.customers);
        await insertMany(trx, undefined, "contacts", batch.contacts);
        await insertMany(trx, undefined, "customerKeys", batch.keys);
        await insertMany(trx, undefined, "customerTags", batch.tags);
        await insertMany(trx, undefined, "timelineEvents", batch.events);
        await repo.updateImport(trx, importId, progress);
      });
      return;
    }
    await db.connection().execute(async () => {
      const durability = sqlite.pragma("synchronous", { simple: true }) as number;
      sqlite.pragma("synchronous = NORMAL");
      try {
        sqlite.transaction(() => {
          writeRows(sqlite, "customers", batch.customers);
          const last = sqlite
            .prepare("select coalesce(max(seq), 0) as seq from customer_search_ids")
            .get() as {
            seq: number;
          };
          writeRows(
            sqlite,
            "customerSearchIds",
            batch.customers.map((customer) => ({ customerId: customer.id })),
          );
          for (const [table, column] of [
            ["customer_fts_trigram", "search_text"],
            ["customer_fts_tokens", "search_tokens"],
          ] as const)
            sqlite
              .prepare(
                `insert into ${table} (rowid, ${column}) select s.seq, c.${column} from customer_search_ids s join customers c on c.id = s.customer_id where s.seq > ?`,
              )
              .run(last.seq);
          writeRows(sqlite, "contacts", batch.contacts);
          writeRows(sqlite, "customerKeys", batch.keys);
          writeRows(sqlite, "customerTags", batch.tags);
          writeRows(sqlite, "timelineEvents", batch.events);
          sqlite
            .prepare("update imports set rows_done = ?, updated_at = ? where id = ?")
            .run(progress.rowsDone, progress.updatedAt, importId);
        })();
        if (++batchesWritten % CHECKPOINT_EVERY === 0) sqlite.pragma("wal_checkpoint(PASSIVE)");
      } finally {
        sqlite.pragma(`synchronous = ${durability}`);
      }
    });
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
      const stored = JSON.parse(row.settings) as { previewCounts?: Plan["counts"] };
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
        const planned = await plan(user, await readFile(id, row.fileName, settings), settings);
        // The file's cells are no longer needed (rejected rows keep theirs): free them.
        forgetRead(id);
        const { mapping, actions } = planned;
        const total = mapping.rows.length;
        const today = todayIn(deps.companyTimeZone, clock.now());
        const indexesOf = (action: Action) => {
          const found: number[] = [];
          actions.forEach((a, index) => {
            if (a === action) found.push(index);
          });
          return found;
        };
        const toCreate = indexesOf("create");
        const toUpdate = indexesOf("update");
        const rejected = indexesOf("reject");
        await repo.updateImport(db, id, { rowsTotal: total, updatedAt: isoNow(clock) });
        let done = 0;
        const resumeAutoCheckpoint = pauseAutoCheckpoint();
        try {
          for (let i = 0; i < toCreate.length; i += BATCH) {
            if ((await repo.findImport(db, id))?.cancelRequested) throw new CancelledError();
            const now = isoNow(clock);
            const batch: PendingBatch = { customers: [], contacts: [], keys: [], tags: [], events: [] };
            for (const index of toCreate.slice(i, i + BATCH)) {
              const input = mapping.rows[index]!.customer!;
              const customerId = newId();
              const { row: customerRow, tags: tagList } = newCustomerRow(input, {
                id: customerId,
                ownerId: input.ownerId ?? user.id,
                now,
                today,
                createdBy: user.id,
                importId: id,
              });
              batch.customers.push(customerRow);
              batch.contacts.push(...contactRows(customerId, input.contacts, now));
              for (const rowKey of mapping.keys[index] ?? []) {
                const colon = rowKey.indexOf(":");
                batch.keys.push({ kind: rowKey.slice(0, colon), value: rowKey.slice(colon + 1), customerId });
              }
              for (const tag of tagList) batch.tags.push({ tag, customerId });
              batch.events.push({
                id: newId(),
                customerId,
                at: now,
                kind: "created",
                actorId: user.id,
                details: JSON.stringify({ companyName: input.companyName, importId: id }),
                followUpId: null,
              });
            }
            done += batch.customers.length;
            await writePending(id, batch, { rowsDone: done, updatedAt: isoNow(clock) });
            await yieldToOthers();
          }
        } finally {
          resumeAutoCheckpoint();
        }
        for (let i = 0; i < rejected.length; i += BATCH) {
          await insertMany(
            db,
            deps.sqlite,
            "importRejections",
            rejected.slice(i, i + BATCH).map((index) => {
              const mapped = mapping.rows[index]!;
              return {
                importId: id,
                rowNumber: mapped.row,
                cells: JSON.stringify(plainCells(mapped.cells)),
                reason: mapped.problems.join("; "),
              };
            }),
          );
        }
        if ((await repo.findImport(db, id))?.cancelRequested) throw new CancelledError();
        // The commit: updates of existing customers and the switch that makes the new ones visible.
        let updated = 0;
        await db.transaction().execute(async (trx) => {
          for (const index of toUpdate) {
            const existing = planned.existing.get(index)!;
            const current = await trx
              .selectFrom("customers")
              .select("version")
              .where("id", "=", existing.id)
              .where(visibleTo(user))
              .executeTakeFirst();
            if (!current) continue;
            await deps.customers.updateIn(
              trx,
              ctx,
              existing.id,
              updateFrom(mapping.rows[index]!.customer!, settings.mapping, current.version),
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
              rowsDone: total,
              createdCount: toCreate.length,
              updatedCount: updated,
              skippedCount: total - toCreate.length - updated - rejected.length,
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
              skipped: total - toCreate.length - updated - rejected.length,
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

const checkpointPauses = new WeakMap<SQLite.Database, { count: number; pages: number }>();

/**
 * Leaves the log's copying to the import (writePending) while it runs; returns what undoes it.
 * Pauses nest: the setting comes back when the last import that paused it ends, so two imports
 * that overlap cannot leave it off.
 */
export function pauseWalAutoCheckpoint(sqlite: SQLite.Database): () => void {
  const pause = checkpointPauses.get(sqlite) ?? {
    count: 0,
    pages: sqlite.pragma("wal_autocheckpoint", { simple: true }) as number,
  };
  pause.count++;
  checkpointPauses.set(sqlite, pause);
  sqlite.pragma("wal_autocheckpoint = 0");
  let resumed = false;
  return () => {
    if (resumed) return;
    resumed = true;
    if (--pause.count > 0) return;
    checkpointPauses.delete(sqlite);
    sqlite.pragma(`wal_autocheckpoint = ${pause.pages}`);
    sqlite.pragma("wal_checkpoint(PASSIVE)");
  };
}

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
    writeRows(sqlite, table, rows);
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

/**
 * Rows into a SQLite table with one prepared statement run row by row: the floor, far below
 * building and compiling statements of thousands of values with Kysely, or a round through Kysely
 * per row. SQLite runs in-process on the one connection that `db` uses; callers hold it (inside
 * a Kysely transaction or connection) so nothing else interleaves.
 */
function writeRows(sqlite: SQLite.Database, table: string, rows: object[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const statement = sqlite.prepare(
    `insert into ${snakeCase(table)} (${columns.map(snakeCase).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
  );
  for (const row of rows)
    statement.run(columns.map((column) => (row as Record<string, unknown>)[column] ?? null));
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
