/**
 * /api/imports: upload a spreadsheet, preview it with a corrected mapping, start, follow,
 * cancel, download the rejected rows, undo; mapping templates; the blank template.
 */

import type {} from "@fastify/multipart";
import {
  errorReply,
  IMPORT_FIELDS,
  idParam,
  importPreview,
  importSettings,
  importSummary,
  importTemplate,
  LOCALES,
  pageOf,
} from "@tradewind/domain";
import { z } from "zod";
import { contextOf } from "../../http/access.ts";
import { AppError, badRequest } from "../../http/errors.ts";
import type { App } from "../../http/types.ts";
import { blankTemplate } from "./blank-template.ts";
import type { ImportsService } from "./imports.service.ts";

const errors = {
  400: errorReply,
  401: errorReply,
  403: errorReply,
  404: errorReply,
  409: errorReply,
  413: errorReply,
};
const tags = ["imports"];
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function registerImportRoutes(
  app: App,
  deps: { imports: ImportsService; maxFileBytes: number },
): void {
  const { imports } = deps;

  app.post(
    "/api/imports",
    {
      config: { access: "customers.import" },
      // Refuse an announced oversized upload before reading its body.
      onRequest: async (request) => {
        const length = Number(request.headers["content-length"] ?? 0);
        if (length > deps.maxFileBytes + 64 * 1024) {
          throw new AppError(
            413,
            "too_large",
            `The file is larger than ${Math.round(deps.maxFileBytes / 1024 / 1024)} MB. Split it, or save it as .xlsx (usually much smaller than .xls or .csv).`,
          );
        }
      },
      schema: {
        tags,
        summary:
          "Upload a spreadsheet (.xlsx, .xls, .csv, .tsv) as multipart field 'file'; returns the preview",
        consumes: ["multipart/form-data"],
        response: { 201: importPreview, ...errors },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw badRequest("Send the file as multipart/form-data in a field named file.");
      const part = await request.file();
      if (!part) throw badRequest("No file was sent. Choose a spreadsheet to import.");
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if (error instanceof Error && /too large|limit/i.test(error.message)) {
          throw new AppError(
            413,
            "too_large",
            `The file is larger than ${Math.round(deps.maxFileBytes / 1024 / 1024)} MB. Split it into smaller files.`,
          );
        }
        throw error;
      }
      if (part.file.truncated) throw new AppError(413, "too_large", "The file is too large.");
      return reply
        .status(201)
        .send(await imports.upload(contextOf(request), part.filename || "upload", new Uint8Array(bytes)));
    },
  );

  app.get(
    "/api/imports/blank-template",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "The blank import template (.xlsx) with an instructions sheet",
        querystring: z.object({ locale: z.enum(LOCALES).default("zh-CN") }),
      },
    },
    async (request, reply) => {
      const bytes = await blankTemplate(request.query.locale);
      const name = request.query.locale === "zh-CN" ? "客户导入模板.xlsx" : "customer-import-template.xlsx";
      return reply
        .header("content-type", XLSX_TYPE)
        .header("content-disposition", attachment(name))
        .send(bytes);
    },
  );

  app.get(
    "/api/imports",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "Import history: who, when, which file, counts",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(64).optional(),
        }),
        response: { 200: pageOf(importSummary), ...errors },
      },
    },
    async (request) => imports.list(contextOf(request).user, request.query),
  );

  app.get(
    "/api/imports/:id",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "An import's state and progress",
        params: idParam,
        response: { 200: importSummary, ...errors },
      },
    },
    async (request) => imports.get(contextOf(request).user, request.params.id),
  );

  app.post(
    "/api/imports/:id/preview",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary:
          "Read the file again with other settings (sheet, header row, mapping, encoding, duplicates); writes nothing",
        params: idParam,
        body: importSettings.partial(),
        response: { 200: importPreview, ...errors },
      },
    },
    async (request) => imports.analyse(contextOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/imports/:id/start",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "Start the import with these settings; it runs as a job",
        params: idParam,
        body: importSettings,
        response: { 202: importSummary, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await imports.start(contextOf(request), request.params.id, request.body)),
  );

  app.post(
    "/api/imports/:id/cancel",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "Cancel an import; nothing it wrote remains",
        params: idParam,
        response: { 200: importSummary, ...errors },
      },
    },
    async (request) => imports.cancel(contextOf(request), request.params.id),
  );

  app.get(
    "/api/imports/:id/rejected",
    {
      config: { access: "customers.import" },
      schema: { tags, summary: "The rejected rows as .xlsx, with a reason column", params: idParam },
    },
    async (request, reply) => {
      const { fileName, bytes } = await imports.rejectedWorkbook(contextOf(request).user, request.params.id);
      return reply
        .header("content-type", XLSX_TYPE)
        .header("content-disposition", attachment(fileName))
        .send(bytes);
    },
  );

  app.post(
    "/api/imports/:id/undo",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "Remove the customers this import created that nobody has changed since",
        params: idParam,
        response: {
          200: z.object({
            removed: z.number().int(),
            kept: z.array(z.object({ id: z.string(), companyName: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => imports.undo(contextOf(request), request.params.id),
  );

  app.get(
    "/api/import-templates",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "Saved column mappings",
        response: { 200: z.object({ items: z.array(importTemplate), nextCursor: z.null() }), ...errors },
      },
    },
    async () => ({ items: await imports.templates(), nextCursor: null }),
  );

  app.post(
    "/api/import-templates",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "Save a column mapping under a name (replaces one of the same name)",
        body: z.object({
          name: z.string().trim().min(1, "Name the template").max(100),
          headers: z.array(z.string().max(200)).max(500),
          mapping: z.array(z.enum(IMPORT_FIELDS).nullable()).max(500),
        }),
        response: { 201: importTemplate, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await imports.saveTemplate(
            contextOf(request),
            request.body.name,
            request.body.headers,
            request.body.mapping,
          ),
        ),
  );

  app.delete(
    "/api/import-templates/:id",
    {
      config: { access: "customers.import" },
      schema: {
        tags,
        summary: "Delete a saved mapping",
        params: idParam,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await imports.deleteTemplate(request.params.id);
      return reply.status(204).send(null);
    },
  );
}
