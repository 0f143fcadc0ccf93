/** /api/roles: roles and their permission sets. Reading them is open to user administrators. */
import { errorReply, idParam, role, roleInput } from "@tradewind/domain";
import { z } from "zod";
import { contextOf } from "../../http/access.ts";
import type { App } from "../../http/types.ts";
import type { RolesService } from "./roles.service.ts";

const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply };
const tags = ["roles"];

export function registerRoleRoutes(app: App, deps: { roles: RolesService }): void {
  const { roles } = deps;

  app.get(
    "/api/roles",
    {
      config: { access: "users.read" },
      schema: {
        tags,
        summary: "List roles",
        response: { 200: z.object({ items: z.array(role), nextCursor: z.null() }), ...errors },
      },
    },
    async () => ({ items: await roles.list(), nextCursor: null }),
  );

  app.post(
    "/api/roles",
    {
      config: { access: "roles.manage" },
      schema: { tags, summary: "Create a role", body: roleInput, response: { 201: role, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await roles.create(contextOf(request), request.body)),
  );

  app.patch(
    "/api/roles/:id",
    {
      config: { access: "roles.manage" },
      schema: {
        tags,
        summary: "Change a role's names, permissions or data scope",
        params: idParam,
        body: roleInput.omit({ key: true }).extend({ version: z.number().int() }),
        response: { 200: role, ...errors },
      },
    },
    async (request) => roles.update(contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/roles/:id",
    {
      config: { access: "roles.manage" },
      schema: {
        tags,
        summary: "Delete a role no user holds",
        params: idParam,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await roles.remove(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
