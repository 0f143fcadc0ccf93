/**
 * Exporting the customer list to .xlsx (R-CUST-3: a separate, audited permission): the list's own
 * filters, sort and scope, chosen columns, classification in the user's language, dates as dates,
 * money with its currency; contacts as columns (primary) or a second sheet (all). Runs as a job
 * that pages through the list and streams rows into the workbook, so 100,000 rows never sit in
 * memory at once; the UI follows its progress.
 */
import {
  type Contact,
  type Customer,
  countryName,
  type ExportColumn,
  type ExportRequest,
  type ExportStatus,
  exportRequest,
  formatAmount,
  VALUE_LABELS,
} from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { AuthUser, RequestContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { notFound } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { startWorker } from "../../workers/start-worker.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { IdentityService } from "../auth/identity.service.ts";
import type { CustomersService } from "../customers/customers.service.ts";
import type { CellValue, ContactCells, WorkbookLayout } from "./workbook-writer.ts";

export type ExportsService = ReturnType<typeof createExportsService>;

/** Customers read per query while writing: a short hold of the database each time. */
const CHUNK = 1000;
const PROGRESS_EVERY_MS = 1000;
/** The most rows one export writes (Excel itself stops at 1,048,576). */
const MAX_ROWS = 1_000_000;

export function createExportsService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  customers: CustomersService;
  identity: IdentityService;
  enqueueRun(exportId: string): Promise<void>;
}) {
  const { db, clock, audit } = deps;

  function status(row: {
    id: string;
    status: ExportStatus["status"];
    rowsTotal: number;
    rowsDone: number;
    fileName: string | null;
    error: string | null;
    createdAt: string;
    finishedAt: string | null;
  }): ExportStatus {
    return {
      id: row.id,
      status: row.status,
      rowsTotal: row.rowsTotal,
      rowsDone: row.rowsDone,
      fileName: row.fileName,
      error: row.error,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt,
    };
  }

  async function own(user: AuthUser, id: string) {
    const row = await db
      .selectFrom("exports")
      .select([
        "id",
        "status",
        "rowsTotal",
        "rowsDone",
        "fileName",
        "error",
        "createdAt",
        "finishedAt",
        "createdBy",
      ])
      .where("id", "=", id)
      .where("createdBy", "=", user.id)
      .executeTakeFirst();
    if (!row) throw notFound("Export");
    return row;
  }

  return {
    async request(ctx: RequestContext, input: ExportRequest): Promise<ExportStatus> {
      const id = newId();
      const now = isoNow(clock);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("exports")
          .values({
            id,
            createdBy: ctx.user.id,
            request: JSON.stringify(input),
            status: "queued",
            rowsTotal: 0,
            rowsDone: 0,
            fileName: null,
            bytes: null,
            error: null,
            startedAt: null,
            finishedAt: null,
            createdAt: now,
          })
          .execute();
        await audit.record(trx, ctx, {
          action: "customer.export_requested",
          entity: "export",
          entityId: id,
          after: { filters: input.filters, columns: input.columns, contacts: input.contacts },
        });
      });
      await deps.enqueueRun(id);
      return status(await own(ctx.user, id));
    },

    async get(user: AuthUser, id: string): Promise<ExportStatus> {
      return status(await own(user, id));
    },

    async file(user: AuthUser, id: string): Promise<{ fileName: string; bytes: Buffer }> {
      const row = await own(user, id);
      const file = await db
        .selectFrom("exports")
        .select(["bytes", "fileName"])
        .where("id", "=", row.id)
        .executeTakeFirst();
      if (row.status !== "done" || !file?.bytes) throw notFound("Export file");
      return { fileName: file.fileName ?? "customers.xlsx", bytes: Buffer.from(file.bytes) };
    },

    /** The job: pages through the list in the requester's scope and writes the workbook. */
    async run(id: string): Promise<void> {
      const row = await db.selectFrom("exports").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row || row.status === "done") return;
      const userRow = await db
        .selectFrom("users")
        .selectAll()
        .where("id", "=", row.createdBy)
        .executeTakeFirstOrThrow();
      const user: AuthUser = {
        ...(await deps.identity.forUser(userRow)),
        via: "session",
        sessionId: null,
        csrfToken: null,
      };
      const input = exportRequest.parse(JSON.parse(row.request));
      await db
        .updateTable("exports")
        .set({ status: "running", startedAt: isoNow(clock), rowsDone: 0 })
        .where("id", "=", id)
        .execute();
      try {
        let total = 0;
        const { bytes, rows } = await writeWorkbook(
          deps.customers,
          user,
          input,
          async (done) => {
            await db.updateTable("exports").set({ rowsDone: done }).where("id", "=", id).execute();
          },
          async (count) => {
            total = count;
            await db.updateTable("exports").set({ rowsTotal: count }).where("id", "=", id).execute();
          },
        );
        const stamp = isoNow(clock).slice(0, 10);
        const fileName = `${input.locale === "zh-CN" ? "客户列表" : "customers"}-${stamp}.xlsx`;
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable("exports")
            .set({
              status: "done",
              bytes,
              fileName,
              rowsDone: rows,
              rowsTotal: Math.max(total, rows),
              finishedAt: isoNow(clock),
            })
            .where("id", "=", id)
            .execute();
          await audit.record(
            trx,
            { user, requestId: `export:${id}` },
            {
              action: "customer.exported",
              entity: "export",
              entityId: id,
              after: { filters: input.filters, rows },
            },
          );
        });
      } catch (error) {
        await db
          .updateTable("exports")
          .set({
            status: "failed",
            error: error instanceof Error ? error.message : String(error),
            finishedAt: isoNow(clock),
          })
          .where("id", "=", id)
          .execute();
      }
    },
  };
}

function label(kind: string, value: string | null | boolean, locale: "zh-CN" | "en-US"): string | null {
  if (value === null) return null;
  const entry = VALUE_LABELS[kind]?.[String(value)];
  return entry ? (locale === "zh-CN" ? entry.zh : entry.en) : String(value);
}

function dateCell(iso: string | null): Date | null {
  return iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null;
}

type CellReader = (customer: Customer, primary: Contact | null) => CellValue;

/** How each column's cell is read from a customer: only the chosen columns are worked out. */
function cellReaders(locale: "zh-CN" | "en-US"): Record<ExportColumn, CellReader> {
  return {
    companyName: (c) => c.companyName,
    localName: (c) => c.localName,
    country: (c) => countryName(c.country, locale),
    address: (c) => c.address,
    website: (c) => c.website,
    industry: (c) => c.industry,
    source: (c) => label("source", c.source, locale),
    tags: (c) => c.tags.join(", ") || null,
    owner: (c) => c.ownerName,
    keyAccount: (c) => label("keyAccount", c.keyAccount, locale),
    dealStatus: (c) => label("dealStatus", c.dealStatus, locale),
    importance: (c) => c.importance,
    demand: (c) => label("demand", c.demand, locale),
    grade: (c) => c.grade,
    urgency: (c) => label("urgency", c.urgency, locale),
    expectedCloseDate: (c) => dateCell(c.expectedCloseDate),
    nextActionDate: (c) => dateCell(c.nextActionDate),
    nextAction: (c) => c.nextAction,
    creditLimit: (c) =>
      c.creditLimit ? Number(formatAmount(c.creditLimit.minor, c.creditLimit.currency)) : null,
    creditCurrency: (c) => c.creditLimit?.currency ?? null,
    creditStatus: (c) => label("creditStatus", c.creditStatus, locale),
    notes: (c) => c.notes,
    contactName: (_c, p) => p?.name ?? null,
    contactTitle: (_c, p) => p?.title ?? null,
    contactEmail: (_c, p) => p?.emails.join("; ") || null,
    contactPhone: (_c, p) => p?.phones[0] ?? null,
    contactMobile: (_c, p) => p?.phones[1] ?? null,
    whatsapp: (_c, p) => p?.whatsapp ?? null,
    wechat: (_c, p) => p?.wechat ?? null,
    skype: (_c, p) => p?.skype ?? null,
    linkedin: (_c, p) => p?.linkedin ?? null,
    lastFollowUpAt: (c) => (c.lastFollowUpAt ? new Date(c.lastFollowUpAt) : null),
    createdAt: (c) => new Date(c.createdAt),
    updatedAt: (c) => new Date(c.updatedAt),
  };
}

export async function writeWorkbook(
  customers: CustomersService,
  user: AuthUser,
  input: ExportRequest,
  progress: (done: number) => Promise<void>,
  onTotal: (total: number) => Promise<void>,
): Promise<{ bytes: Buffer; rows: number }> {
  const locale = input.locale;
  const ids = await customers.listIds(user, input.filters, MAX_ROWS + 1);
  if (ids.length > MAX_ROWS)
    throw new Error(
      `More than ${MAX_ROWS.toLocaleString("en")} customers match this list: narrow it with a filter and export again.`,
    );
  await onTotal(ids.length);
  const cell = cellReaders(locale);
  const readers = input.columns.map((column) => cell[column]);
  const writer = workbookWorker({
    locale,
    columns: input.columns,
    contactsSheet: input.contacts === "all",
  });
  try {
    let rows = 0;
    let savedAt = Date.now();
    for (let start = 0; start < ids.length; start += CHUNK) {
      const customerRows: CellValue[][] = [];
      const contactRows: ContactCells[] = [];
      for (const customer of await customers.getMany(user, ids.slice(start, start + CHUNK))) {
        const primary = customer.contacts.find((c) => c.primary) ?? customer.contacts[0] ?? null;
        customerRows.push(readers.map((read) => read(customer, primary)));
        if (input.contacts === "all")
          for (const contact of customer.contacts)
            contactRows.push([
              customer.companyName,
              contact.name,
              contact.title,
              contact.emails.join("; "),
              contact.phones.join("; "),
              contact.whatsapp,
              contact.wechat,
              label("keyAccount", contact.primary, locale) ?? "",
            ]);
      }
      await writer.add(customerRows, contactRows);
      rows += customerRows.length;
      // Progress is saved about once a second: each save is a durable write of its own.
      if (Date.now() - savedAt >= PROGRESS_EVERY_MS || start + CHUNK >= ids.length) {
        await progress(rows);
        savedAt = Date.now();
      }
    }
    return { bytes: await writer.finish(), rows };
  } finally {
    writer.stop();
  }
}

/**
 * The workbook writer in its worker thread. At most a few chunks wait for it at a time, so a slow
 * writer holds the reading back instead of letting rows pile up in memory.
 */
function workbookWorker(layout: WorkbookLayout) {
  const worker = startWorker(new URL("./workbook.worker.ts", import.meta.url), { workerData: layout });
  let failure: Error | null = null;
  let waiting: (() => void)[] = [];
  let finished: { resolve(bytes: Buffer): void; reject(error: Error): void } | null = null;
  let inFlight = 0;
  const fail = (error: Error) => {
    failure = error;
    finished?.reject(error);
    for (const wake of waiting) wake();
    waiting = [];
  };
  worker.on("message", (message: "taken" | { bytes: Uint8Array } | { error: string }) => {
    if (message === "taken") {
      inFlight--;
      waiting.shift()?.();
    } else if ("bytes" in message) finished?.resolve(Buffer.from(message.bytes));
    else fail(new Error(`The workbook could not be written: ${message.error}`));
  });
  worker.on("error", fail);
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async add(rows: CellValue[][], contacts: ContactCells[]): Promise<void> {
      check();
      while (inFlight >= 3) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        check();
      }
      inFlight++;
      worker.postMessage({ rows, contacts });
    },
    finish(): Promise<Buffer> {
      check();
      return new Promise((resolve, reject) => {
        finished = { resolve, reject };
        worker.postMessage("finish");
      });
    },
    stop(): void {
      void worker.terminate();
    },
  };
}
