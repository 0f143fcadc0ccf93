/**
 * Exporting the customer list to .xlsx (R-CUST-3: a separate, audited permission): the list's own
 * filters, sort and scope, chosen columns, classification in the user's language, dates as dates,
 * money with its currency; contacts as columns (primary) or a second sheet (all). Runs as a job
 * that pages through the list and streams rows into the workbook, so 100,000 rows never sit in
 * memory at once; the UI follows its progress.
 */
import { PassThrough } from "node:stream";
import {
  type Contact,
  type Customer,
  countryName,
  EXPORT_HEADERS,
  type ExportColumn,
  type ExportRequest,
  type ExportStatus,
  exportRequest,
  formatAmount,
  VALUE_LABELS,
} from "@tradewind/domain";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { AuthUser, RequestContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { notFound } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { IdentityService } from "../auth/identity.service.ts";
import type { CustomersService } from "../customers/customers.service.ts";

export type ExportsService = ReturnType<typeof createExportsService>;

/** Customers read per query while writing: a short hold of the database each time. */
const CHUNK = 1000;
const PROGRESS_EVERY = 5000;
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

type CellValue = string | number | Date | null;
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
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useSharedStrings: false,
    useStyles: true,
  });
  const locale = input.locale;
  const zh = locale === "zh-CN";
  const columns = input.columns;
  const sheet = workbook.addWorksheet(zh ? "客户" : "Customers", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: zh ? EXPORT_HEADERS[column].zh : EXPORT_HEADERS[column].en,
    key: column,
    width: WIDTHS[column] ?? 16,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  // One style object per column, set on each of its cells: ExcelJS recognises an object it has
  // seen and skips working the style out again, which otherwise is half of the time of writing
  // 100,000 rows (each new cell gets a fresh copy of its column's style).
  const cellStyles = columns.map((column) =>
    DATE_COLUMNS.has(column) ? DATE_STYLE : column === "creditLimit" ? MONEY_STYLE : PLAIN_STYLE,
  );
  const contactsSheet =
    input.contacts === "all"
      ? workbook.addWorksheet(zh ? "联系人" : "Contacts", { views: [{ state: "frozen", ySplit: 1 }] })
      : null;
  if (contactsSheet) {
    contactsSheet.columns = [
      { header: zh ? "公司名称" : "Company name", key: "company", width: 36 },
      { header: zh ? "联系人" : "Contact", key: "name", width: 22 },
      { header: zh ? "职位" : "Title", key: "title", width: 20 },
      { header: zh ? "邮箱" : "E-mail", key: "emails", width: 30 },
      { header: zh ? "电话" : "Phone", key: "phones", width: 22 },
      { header: "WhatsApp", key: "whatsapp", width: 18 },
      { header: zh ? "微信" : "WeChat", key: "wechat", width: 16 },
      { header: zh ? "主联系人" : "Primary", key: "primary", width: 10 },
    ];
    contactsSheet.getRow(1).font = { bold: true };
    contactsSheet.getRow(1).commit();
  }

  const ids = await customers.listIds(user, input.filters, MAX_ROWS + 1);
  if (ids.length > MAX_ROWS)
    throw new Error(
      `More than ${MAX_ROWS.toLocaleString("en")} customers match this list: narrow it with a filter and export again.`,
    );
  await onTotal(ids.length);
  const cell = cellReaders(locale);
  const readers = columns.map((column) => cell[column]);
  let rows = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    for (const customer of await customers.getMany(user, ids.slice(start, start + CHUNK))) {
      const primary = customer.contacts.find((c) => c.primary) ?? customer.contacts[0] ?? null;
      // Text goes in as string cells, never as formulas: "=HYPERLINK(...)" in a company name stays text.
      const row = sheet.addRow(readers.map((read) => read(customer, primary)));
      for (let column = 0; column < columns.length; column++)
        row.getCell(column + 1).style = cellStyles[column]!;
      row.commit();
      if (contactsSheet) {
        for (const contact of customer.contacts) {
          contactsSheet
            .addRow({
              company: customer.companyName,
              name: contact.name,
              title: contact.title,
              emails: contact.emails.join("; "),
              phones: contact.phones.join("; "),
              whatsapp: contact.whatsapp,
              wechat: contact.wechat,
              primary: label("keyAccount", contact.primary, locale),
            })
            .commit();
        }
      }
      rows++;
    }
    if (start % PROGRESS_EVERY === 0 || start + CHUNK >= ids.length) await progress(rows);
  }
  sheet.commit();
  contactsSheet?.commit();
  await workbook.commit();
  await finished;
  return { bytes: Buffer.concat(chunks), rows };
}

const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: "yyyy-mm-dd" };
const MONEY_STYLE: Partial<ExcelJS.Style> = { numFmt: "#,##0.00" };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};

const DATE_COLUMNS = new Set<ExportColumn>([
  "expectedCloseDate",
  "nextActionDate",
  "lastFollowUpAt",
  "createdAt",
  "updatedAt",
]);
const WIDTHS: Partial<Record<ExportColumn, number>> = {
  companyName: 36,
  localName: 28,
  address: 36,
  website: 28,
  notes: 40,
  contactEmail: 30,
  tags: 24,
  nextAction: 28,
};
