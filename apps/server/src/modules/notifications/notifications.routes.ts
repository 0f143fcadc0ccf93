/** /api/notifications: one's own in-app notifications. */
import { errorReply, idParam } from "@tradewind/domain";
import { z } from "zod";
import { contextOf } from "../../http/access.ts";
import type { App } from "../../http/types.ts";
import type { Notifications } from "./notifications.service.ts";

const notification = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function registerNotificationRoutes(app: App, deps: { notifications: Notifications }): void {
  const tags = ["notifications"];
  const errors = { 400: errorReply, 401: errorReply, 404: errorReply };
  app.get(
    "/api/notifications",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "One's notifications, newest first, with the unread count",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(64).optional(),
          unread: z.enum(["true", "false"]).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(notification),
            nextCursor: z.string().nullable(),
            unread: z.number().int(),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      deps.notifications.list(contextOf(request).user.id, {
        limit: request.query.limit,
        beforeId: request.query.cursor,
        unreadOnly: request.query.unread === "true",
      }),
  );
  app.post(
    "/api/notifications/:id/read",
    {
      config: { access: "user" },
      schema: {
        tags,
        summary: "Mark one notification read",
        params: idParam,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deps.notifications.markRead(contextOf(request).user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/api/notifications/read-all",
    {
      config: { access: "user" },
      schema: { tags, summary: "Mark all one's notifications read", response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await deps.notifications.markRead(contextOf(request).user.id, "all");
      return reply.status(204).send(null);
    },
  );
}
