/**
 * /api/departments, /api/teams, /api/zones. Any logged-in user may read the organisation (it
 * fills owner and team pickers); only `org.manage` changes it.
 */
import {
  department,
  departmentInput,
  errorReply,
  idParam,
  team,
  teamInput,
  zone,
  zoneInput,
} from "@tradewind/domain";
import { z } from "zod";
import { contextOf } from "../../http/access.ts";
import type { App } from "../../http/types.ts";
import type { OrgService } from "./org.service.ts";

const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply };
const tags = ["organisation"];
const version = z.object({ version: z.number().int() });
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.null() });
const manage = { access: "org.manage" } as const;
const read = { access: "user" } as const;
const noContent = { 204: z.null(), ...errors };

export function registerOrgRoutes(app: App, deps: { org: OrgService }): void {
  const { org } = deps;

  app.get(
    "/api/departments",
    {
      config: read,
      schema: { tags, summary: "List departments", response: { 200: listOf(department), ...errors } },
    },
    async () => ({
      items: await org.listDepartments(),
      nextCursor: null,
    }),
  );
  app.post(
    "/api/departments",
    {
      config: manage,
      schema: {
        tags,
        summary: "Create a department",
        body: departmentInput,
        response: { 201: department, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await org.createDepartment(contextOf(request), request.body)),
  );
  app.patch(
    "/api/departments/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Edit a department",
        params: idParam,
        body: departmentInput.extend(version.shape),
        response: { 200: department, ...errors },
      },
    },
    async (request) => org.updateDepartment(contextOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/departments/:id",
    {
      config: manage,
      schema: { tags, summary: "Delete a department without teams", params: idParam, response: noContent },
    },
    async (request, reply) => {
      await org.deleteDepartment(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/teams",
    { config: read, schema: { tags, summary: "List teams", response: { 200: listOf(team), ...errors } } },
    async () => ({
      items: await org.listTeams(),
      nextCursor: null,
    }),
  );
  app.post(
    "/api/teams",
    {
      config: manage,
      schema: { tags, summary: "Create a team", body: teamInput, response: { 201: team, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await org.createTeam(contextOf(request), request.body)),
  );
  app.patch(
    "/api/teams/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Edit a team",
        params: idParam,
        body: teamInput.extend(version.shape),
        response: { 200: team, ...errors },
      },
    },
    async (request) => org.updateTeam(contextOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/teams/:id",
    {
      config: manage,
      schema: { tags, summary: "Delete a team without members", params: idParam, response: noContent },
    },
    async (request, reply) => {
      await org.deleteTeam(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/zones",
    {
      config: read,
      schema: { tags, summary: "List zones (分区)", response: { 200: listOf(zone), ...errors } },
    },
    async () => ({
      items: await org.listZones(),
      nextCursor: null,
    }),
  );
  app.post(
    "/api/zones",
    {
      config: manage,
      schema: { tags, summary: "Create a zone", body: zoneInput, response: { 201: zone, ...errors } },
    },
    async (request, reply) => reply.status(201).send(await org.createZone(contextOf(request), request.body)),
  );
  app.patch(
    "/api/zones/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "Edit a zone and its members",
        params: idParam,
        body: zoneInput.extend(version.shape),
        response: { 200: zone, ...errors },
      },
    },
    async (request) => org.updateZone(contextOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/zones/:id",
    { config: manage, schema: { tags, summary: "Delete a zone", params: idParam, response: noContent } },
    async (request, reply) => {
      await org.deleteZone(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
