/**
 * /api/customers and the routes around them: list, detail, create, edit, delete, duplicate
 * check, merge, transfer, hand-over, pool claim, bulk tags, follow-ups, timeline, my day, pool
 * settings and saved views.
 */
import {
  customer,
  customerCreate,
  customerListItem,
  customerListQuery,
  customerUpdate,
  duplicateCheck,
  duplicateMatch,
  errorReply,
  followUp,
  followUpInput,
  idParam,
  pageOf,
  poolSettings,
  timelineEvent,
} from "@tradewind/domain";
import { z } from "zod";
import { contextOf } from "../../http/access.ts";
import type { App } from "../../http/types.ts";
import type { CustomersService } from "./customers.service.ts";
import type { FollowUpsService } from "./follow-ups.service.ts";
import type { MyDayService } from "./my-day.service.ts";
import type { OwnershipService } from "./ownership.service.ts";
import type { SavedViewsService } from "./saved-views.service.ts";

const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply };
const tags = ["customers"];
const page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(64).optional(),
});
const ids = z.array(z.string().min(1).max(64)).min(1, "Select at least one customer").max(1000);
const myDayCustomer = z.object({
  id: z.string(),
  companyName: z.string(),
  localName: z.string().nullable(),
  country: z.string(),
  grade: z.string().nullable(),
  urgency: z.string().nullable(),
  nextActionDate: z.string().nullable(),
  nextAction: z.string().nullable(),
  lastFollowUpAt: z.string().nullable(),
  keyAccount: z.boolean(),
  overdue: z.boolean(),
});
const savedView = z.object({
  id: z.string(),
  name: z.string(),
  area: z.string(),
  state: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export interface CustomerRouteDeps {
  customers: CustomersService;
  followUps: FollowUpsService;
  ownership: OwnershipService;
  myDay: MyDayService;
  savedViews: SavedViewsService;
}

export function registerCustomerRoutes(app: App, deps: CustomerRouteDeps): void {
  const { customers, followUps, ownership } = deps;

  app.get(
    "/api/customers",
    {
      config: { access: "customers.read" },
      schema: {
        tags,
        summary:
          "List customers in one's scope (or the public pool with pool=true): filters, search, sort, cursor paging",
        querystring: customerListQuery,
        response: {
          200: pageOf(customerListItem).extend({
            total: z.number().int().nullable(),
            totalCapped: z.boolean(),
          }),
          ...errors,
        },
      },
    },
    async (request) => customers.list(contextOf(request).user, request.query),
  );

  app.post(
    "/api/customers",
    {
      config: { access: "customers.create" },
      schema: {
        tags,
        summary: "Create a customer; 409 with the possible duplicates unless force and a reason are given",
        body: customerCreate,
        response: { 201: customer, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await customers.create(contextOf(request), request.body)),
  );

  app.post(
    "/api/customers/duplicate-check",
    {
      config: { access: "customers.read" },
      schema: {
        tags,
        summary: "Customers matching a name, e-mail domain, phone or website, with their owners (R-CUST-5)",
        body: duplicateCheck,
        response: { 200: z.object({ items: z.array(duplicateMatch) }), ...errors },
      },
    },
    async (request) => ({ items: await customers.checkDuplicates(contextOf(request).user, request.body) }),
  );

  app.get(
    "/api/customers/tags",
    {
      config: { access: "customers.read" },
      schema: {
        tags,
        summary: "Tags in use on customers one can see",
        response: { 200: z.object({ items: z.array(z.string()) }), ...errors },
      },
    },
    async (request) => ({ items: await customers.tagsInUse(contextOf(request).user) }),
  );

  app.post(
    "/api/customers/bulk-tags",
    {
      config: { access: "customers.update" },
      schema: {
        tags,
        summary: "Add and remove tags on several customers",
        body: z.object({
          customerIds: ids,
          add: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
          remove: z.array(z.string().max(40)).max(30).default([]),
        }),
        response: { 200: z.object({ updated: z.number().int() }), ...errors },
      },
    },
    async (request) => ({
      updated: await customers.bulkTags(
        contextOf(request),
        request.body.customerIds,
        request.body.add,
        request.body.remove,
      ),
    }),
  );

  app.post(
    "/api/customers/transfer",
    {
      config: { access: "customers.transfer" },
      schema: {
        tags,
        summary: "Give customers to another owner; their history stays with them (R-CUST-3)",
        body: z.object({ customerIds: ids, toUserId: z.string().min(1).max(64) }),
        response: { 200: z.object({ transferred: z.number().int() }), ...errors },
      },
    },
    async (request) => ({
      transferred: await ownership.transfer(
        contextOf(request),
        request.body.customerIds,
        request.body.toUserId,
      ),
    }),
  );

  app.post(
    "/api/customers/hand-over",
    {
      config: { access: "customers.transfer" },
      schema: {
        tags,
        summary: "Hand over all customers of a (departing) user to another in one action (R-CUST-3)",
        body: z.object({ fromUserId: z.string().min(1).max(64), toUserId: z.string().min(1).max(64) }),
        response: { 200: z.object({ transferred: z.number().int() }), ...errors },
      },
    },
    async (request) => ({
      transferred: await ownership.handOver(
        contextOf(request),
        request.body.fromUserId,
        request.body.toUserId,
      ),
    }),
  );

  app.get(
    "/api/customers/:id",
    {
      config: { access: "customers.read" },
      schema: {
        tags,
        summary: "One customer with its contacts",
        params: idParam,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => customers.get(contextOf(request).user, request.params.id),
  );

  app.patch(
    "/api/customers/:id",
    {
      config: { access: "customers.update" },
      schema: {
        tags,
        summary:
          "Edit a customer (send its version; a stale version gets 409). contacts, when given, replaces the list",
        params: idParam,
        body: customerUpdate,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => customers.update(contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/customers/:id",
    {
      config: { access: "customers.delete" },
      schema: { tags, summary: "Delete a customer", params: idParam, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await customers.remove(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/customers/:id/merge",
    {
      config: { access: "customers.merge" },
      schema: {
        tags,
        summary: "Merge another customer into this one: contacts, follow-ups and history move here",
        params: idParam,
        body: z.object({ sourceId: z.string().min(1).max(64) }),
        response: { 200: customer, ...errors },
      },
    },
    async (request) => customers.merge(contextOf(request), request.params.id, request.body.sourceId),
  );

  app.post(
    "/api/customers/:id/claim",
    {
      config: { access: "customers.claim" },
      schema: {
        tags,
        summary: "Claim a customer from the public pool (公海), within one's claim limit",
        params: idParam,
        response: { 200: customer, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await ownership.claim(ctx, request.params.id);
      return customers.get(ctx.user, request.params.id);
    },
  );

  app.get(
    "/api/customers/:id/timeline",
    {
      config: { access: "customers.read" },
      schema: {
        tags,
        summary: "The customer's timeline, newest first",
        params: idParam,
        querystring: page,
        response: { 200: pageOf(timelineEvent), ...errors },
      },
    },
    async (request) => {
      const { user } = contextOf(request);
      await customers.get(user, request.params.id);
      return customers.timeline(request.params.id, {
        limit: request.query.limit,
        beforeId: request.query.cursor,
      });
    },
  );

  app.get(
    "/api/customers/:id/follow-ups",
    {
      config: { access: "customers.read" },
      schema: {
        tags,
        summary: "The customer's follow-ups, newest first",
        params: idParam,
        querystring: page,
        response: { 200: pageOf(followUp), ...errors },
      },
    },
    async (request) => followUps.list(contextOf(request).user, request.params.id, request.query),
  );

  app.post(
    "/api/customers/:id/follow-ups",
    {
      config: { access: "customers.update" },
      schema: {
        tags,
        summary: "Record a follow-up; its next action becomes the customer's",
        params: idParam,
        body: followUpInput,
        response: { 201: followUp, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await followUps.create(contextOf(request), request.params.id, request.body)),
  );

  app.patch(
    "/api/follow-ups/:id",
    {
      config: { access: "customers.update" },
      schema: {
        tags,
        summary: "Edit a follow-up (its author or a lead)",
        params: idParam,
        body: followUpInput.extend({ version: z.number().int() }),
        response: { 200: followUp, ...errors },
      },
    },
    async (request) => followUps.update(contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/follow-ups/:id",
    {
      config: { access: "customers.update" },
      schema: {
        tags,
        summary: "Delete a follow-up (its author or a lead)",
        params: idParam,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await followUps.remove(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/my-day",
    {
      config: { access: "customers.read" },
      schema: {
        tags,
        summary: "My day: follow-ups due and overdue, urgent customers, key accounts untouched for 30 days",
        response: {
          200: z.object({
            today: z.string(),
            due: z.array(myDayCustomer),
            urgent: z.array(myDayCustomer),
            untouchedKeyAccounts: z.array(myDayCustomer),
          }),
          ...errors,
        },
      },
    },
    async (request) => deps.myDay.forUser(contextOf(request).user),
  );

  app.get(
    "/api/settings/pool",
    {
      config: { access: "user" },
      schema: {
        tags: ["settings"],
        summary: "Public pool settings",
        response: { 200: poolSettings, ...errors },
      },
    },
    async () => ownership.settings(),
  );

  app.put(
    "/api/settings/pool",
    {
      config: { access: "settings.manage" },
      schema: {
        tags: ["settings"],
        summary: "Change the public pool settings",
        body: poolSettings,
        response: { 200: poolSettings, ...errors },
      },
    },
    async (request) => ownership.saveSettings(contextOf(request), request.body),
  );

  app.get(
    "/api/saved-views",
    {
      config: { access: "user" },
      schema: {
        tags: ["saved views"],
        summary: "One's saved views of a list",
        querystring: z.object({ area: z.string().min(1).max(40) }),
        response: { 200: z.object({ items: z.array(savedView), nextCursor: z.null() }), ...errors },
      },
    },
    async (request) => ({
      items: await deps.savedViews.list(contextOf(request).user.id, request.query.area),
      nextCursor: null,
    }),
  );

  app.post(
    "/api/saved-views",
    {
      config: { access: "user" },
      schema: {
        tags: ["saved views"],
        summary: "Save a view of a list",
        body: z.object({
          area: z.string().min(1).max(40),
          name: z.string().trim().min(1, "Name the view").max(100),
          state: z.record(z.string(), z.unknown()),
        }),
        response: { 201: savedView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await deps.savedViews.create(contextOf(request).user.id, request.body)),
  );

  app.delete(
    "/api/saved-views/:id",
    {
      config: { access: "user" },
      schema: {
        tags: ["saved views"],
        summary: "Delete one of one's saved views",
        params: idParam,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deps.savedViews.remove(contextOf(request).user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
