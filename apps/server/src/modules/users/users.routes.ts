/** /api/users: the user directory and its administration. */
import {
  errorReply,
  idParam,
  listQuery,
  newPassword,
  pageOf,
  user,
  userCreate,
  userUpdate,
} from "@tradewind/domain";
import { z } from "zod";
import { contextOf } from "../../http/access.ts";
import type { App } from "../../http/types.ts";
import type { UsersService } from "./users.service.ts";

const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply };

export function registerUserRoutes(app: App, deps: { users: UsersService }): void {
  const { users } = deps;

  app.get(
    "/api/users",
    {
      config: { access: "users.read" },
      schema: {
        tags: ["users"],
        summary: "List users",
        querystring: listQuery.extend({
          active: z.enum(["true", "false"]).optional(),
          teamId: z.string().max(64).optional(),
          roleId: z.string().max(64).optional(),
        }),
        response: { 200: pageOf(user), ...errors },
      },
    },
    async (request) => {
      const { active, ...rest } = request.query;
      return users.list({ ...rest, active: active === undefined ? undefined : active === "true" });
    },
  );

  app.get(
    "/api/users/options",
    {
      config: { access: "user" },
      schema: {
        tags: ["users"],
        summary: "Active users to choose from (owner, lead, recipient pickers): id, name and team only",
        querystring: z.object({ q: z.string().trim().max(100).optional() }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), name: z.string(), teamId: z.string().nullable() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await users.options(request.query.q) }),
  );

  app.get(
    "/api/users/:id",
    {
      config: { access: "users.read" },
      schema: { tags: ["users"], summary: "One user", params: idParam, response: { 200: user, ...errors } },
    },
    async (request) => users.get(request.params.id),
  );

  app.post(
    "/api/users",
    {
      config: { access: "users.manage" },
      schema: {
        tags: ["users"],
        summary: "Create a user",
        body: userCreate,
        response: { 201: user, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(contextOf(request), request.body)),
  );

  app.patch(
    "/api/users/:id",
    {
      config: { access: "users.manage" },
      schema: {
        tags: ["users"],
        summary: "Edit a user; active=false deactivates it and ends its sessions and tokens",
        params: idParam,
        body: userUpdate,
        response: { 200: user, ...errors },
      },
    },
    async (request) => users.update(contextOf(request), request.params.id, request.body),
  );

  app.post(
    "/api/users/:id/password",
    {
      config: { access: "users.manage" },
      schema: {
        tags: ["users"],
        summary: "Set a new password for a user (administrator reset); ends its sessions",
        params: idParam,
        body: z.object({ password: newPassword }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await users.resetPassword(contextOf(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
}
