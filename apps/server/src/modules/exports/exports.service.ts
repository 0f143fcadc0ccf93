/**
 * Exporting the customer list to .xlsx (R-CUST-3: a separate, audited permission): the list's own
 * filters, sort and scope, chosen columns, classification in the user's language, dates as dates,
 * money with its currency; contacts as columns (primary) or a second sheet (all). Runs as a job
 * that pages through the list and streams rows into the workbook, so 100,000 rows never sit in
 * memory at once; the UI follows its progress.
 */
import { PassThrough } from "node:stream";
import {
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

const PAGE = 5000;

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
        const first = await deps.customers.list(user, { ...input.filters, limit: 1, withTotal: "true" });
        const total = first.total ?? 0;
        await db.updateTable("exports").set({ rowsTotal: total }).where("id", "=", id).execute();
        const { bytes, rows } = await writeWorkbook(deps.customers, user, input, async (done) => {
          await db.updateTable("exports").set({ rowsDone: done }).where("id", "=", id).execute();
        });
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

export async function writeWorkbook(
  customers: CustomersService,
  user: AuthUser,
  input: ExportRequest,
  progress: (done: number) => Promise<void>,
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
    style: DATE_COLUMNS.has(column)
      ? { numFmt: "yyyy-mm-dd" }
      : column === "creditLimit"
        ? { numFmt: "#,##0.00" }
        : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
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

  let cursor: string | undefined;
  let rows = 0;
  for (;;) {
    const page = await customers.list(user, { ...input.filters, limit: PAGE, ...(cursor ? { cursor } : {}) });
    const details = await customers.detailsFor(page.items.map((c) => c.id));
    for (const item of page.items) {
      const detail = details.get(item.id);
      const primary = detail?.contacts.find((c) => c.primary) ?? detail?.contacts[0] ?? null;
      const values: Record<ExportColumn, string | number | Date | null> = {
        companyName: item.companyName,
        localName: item.localName,
        country: countryName(item.country, locale),
        address: detail?.address ?? null,
        website: item.website,
        industry: item.industry,
        source: label("source", item.source, locale),
        tags: item.tags.join(", ") || null,
        owner: item.ownerName,
        keyAccount: label("keyAccount", item.keyAccount, locale),
        dealStatus: label("dealStatus", item.dealStatus, locale),
        importance: item.importance,
        demand: label("demand", item.demand, locale),
        grade: item.grade,
        urgency: label("urgency", item.urgency, locale),
        expectedCloseDate: dateCell(item.expectedCloseDate),
        nextActionDate: dateCell(item.nextActionDate),
        nextAction: item.nextAction,
        creditLimit: item.creditLimit
          ? Number(formatAmount(item.creditLimit.minor, item.creditLimit.currency))
          : null,
        creditCurrency: item.creditLimit?.currency ?? null,
        creditStatus: label("creditStatus", item.creditStatus, locale),
        notes: detail?.notes ?? null,
        contactName: primary?.name ?? null,
        contactTitle: primary?.title ?? null,
        contactEmail: primary?.emails.join("; ") || null,
        contactPhone: primary?.phones[0] ?? null,
        contactMobile: primary?.phones[1] ?? null,
        whatsapp: primary?.whatsapp ?? null,
        wechat: primary?.wechat ?? null,
        skype: primary?.skype ?? null,
        linkedin: primary?.linkedin ?? null,
        lastFollowUpAt: item.lastFollowUpAt ? new Date(item.lastFollowUpAt) : null,
        createdAt: new Date(item.createdAt),
        updatedAt: new Date(item.updatedAt),
      };
      // Text goes in as string cells, never as formulas: "=HYPERLINK(...)" in a company name stays text.
      sheet.addRow(Object.fromEntries(columns.map((c) => [c, values[c]]))).commit();
      if (contactsSheet && detail) {
        for (const contact of detail.contacts) {
          contactsSheet
            .addRow({
              company: item.companyName,
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
    await progress(rows);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  sheet.commit();
  contactsSheet?.commit();
  await workbook.commit();
  await finished;
  return { bytes: Buffer.concat(chunks), rows };
}

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
