/** /api/exports: export the customer list to .xlsx (permission customers.export; audited; rate-limited). */
import { errorReply, exportRequest, exportStatus, idParam } from "@tradewind/domain";
import { contextOf } from "../../http/access.ts";
import type { App } from "../../http/types.ts";
import type { ExportsService } from "./exports.service.ts";

const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 429: errorReply };
const tags = ["exports"];

export function registerExportRoutes(app: App, deps: { exports: ExportsService; perHour: number }): void {
  app.post(
    "/api/exports",
    {
      config: {
        access: "customers.export",
        rateLimit: {
          max: deps.perHour,
          timeWindow: "1 hour",
          keyGenerator: (request) => request.user?.id ?? request.ip,
        },
      },
      schema: {
        tags,
        summary:
          "Export the customer list (its filters, sort, columns, within one's scope) to .xlsx; runs as a job",
        body: exportRequest,
        response: { 202: exportStatus, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await deps.exports.request(contextOf(request), request.body)),
  );

  app.get(
    "/api/exports/:id",
    {
      config: { access: "customers.export" },
      schema: {
        tags,
        summary: "An export's progress",
        params: idParam,
        response: { 200: exportStatus, ...errors },
      },
    },
    async (request) => deps.exports.get(contextOf(request).user, request.params.id),
  );

  app.get(
    "/api/exports/:id/file",
    {
      config: { access: "customers.export" },
      schema: { tags, summary: "Download a finished export", params: idParam },
    },
    async (request, reply) => {
      const { fileName, bytes } = await deps.exports.file(contextOf(request).user, request.params.id);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(bytes);
    },
  );
}
