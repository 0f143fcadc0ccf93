/**
 * The permission matrix: every API route, the access it must declare, and, for routes that
 * address one record, how to aim them at a record outside the caller's scope. The matrix test
 * fails when a route is missing here, so a new route cannot skip the checks.
 */
import { exportRequest } from "@tradewind/domain";
import type { RouteAccess } from "../http/access.ts";
import type { DemoKey, TestContext } from "./harness.ts";

export interface OutOfScopeCase {
  /** Who calls: a user holding the route's permission (default sales3, a rep who sees only its own). */
  caller?: DemoKey;
  /** Creates a record the caller may not see; returns the URL (and body) aimed at it. */
  arrange(t: TestContext): Promise<{ url: string; body?: unknown; stillThere(): Promise<boolean> }>;
}

export interface MatrixEntry {
  access: RouteAccess;
  outOfScope?: OutOfScopeCase;
}

const anotherUsersSession: OutOfScopeCase = {
  async arrange(t) {
    const { session } = await t.services.auth.openSession(t.userId("sales1"), null, null);
    return {
      url: `/api/auth/sessions/${session.id}`,
      stillThere: async () =>
        (await t.database.db
          .selectFrom("sessions")
          .select("id")
          .where("id", "=", session.id)
          .executeTakeFirst()) !== undefined,
    };
  },
};

const anotherUsersToken: OutOfScopeCase = {
  async arrange(t) {
    const owner = await t.as("sales1");
    const { token } = (
      await t.app.inject({
        method: "POST",
        url: "/api/auth/tokens",
        headers: owner.headers,
        payload: { name: "theirs" },
      })
    ).json() as { token: { id: string } };
    return {
      url: `/api/auth/tokens/${token.id}`,
      stillThere: async () =>
        (
          await t.database.db
            .selectFrom("apiTokens")
            .select("revokedAt")
            .where("id", "=", token.id)
            .executeTakeFirstOrThrow()
        ).revokedAt === null,
    };
  },
};

/** A customer of sales1 (team 1) as it is now; "still there" means unchanged (same version, same owner). */
async function foreignCustomer(t: TestContext, owner: DemoKey = "sales1") {
  const customer = await t.customerFor(owner);
  const unchanged = async () => {
    const row = await t.database.db
      .selectFrom("customers")
      .select(["version", "ownerId"])
      .where("id", "=", customer.id)
      .executeTakeFirst();
    return row?.version === customer.version && row.ownerId === customer.ownerId;
  };
  return { customer, unchanged };
}

function customerCase(
  build: (
    id: string,
    t: TestContext,
  ) => { url: string; body?: unknown } | Promise<{ url: string; body?: unknown }>,
  caller: DemoKey = "sales3",
  owner: DemoKey = "sales1",
): OutOfScopeCase {
  return {
    caller,
    async arrange(t) {
      const { customer, unchanged } = await foreignCustomer(t, owner);
      return { ...(await build(customer.id, t)), stillThere: unchanged };
    },
  };
}

const followUpOfAnotherTeam: OutOfScopeCase = {
  async arrange(t) {
    const customer = await t.customerFor("sales1");
    const author = await t.identity("sales1");
    const followUp = await t.services.followUps.create({ user: author, requestId: "t" }, customer.id, {
      date: "2026-01-05",
      channel: "email",
      summary: "Sent the catalogue",
      contactId: null,
      nextAction: null,
      nextActionDate: null,
    });
    return {
      url: `/api/follow-ups/${followUp.id}`,
      body: { date: "2026-01-05", channel: "call", summary: "changed", version: followUp.version },
      stillThere: async () =>
        (
          await t.database.db
            .selectFrom("followUps")
            .select("summary")
            .where("id", "=", followUp.id)
            .executeTakeFirst()
        )?.summary === "Sent the catalogue",
    };
  },
};

const anotherUsersView: OutOfScopeCase = {
  async arrange(t) {
    const view = await t.services.savedViews.create(t.userId("sales1"), {
      area: "customers",
      name: "Mine",
      state: {},
    });
    return {
      url: `/api/saved-views/${view.id}`,
      stillThere: async () =>
        (await t.database.db
          .selectFrom("savedViews")
          .select("id")
          .where("id", "=", view.id)
          .executeTakeFirst()) !== undefined,
    };
  },
};

const anotherUsersNotification: OutOfScopeCase = {
  async arrange(t) {
    await t.services.notifications.notify(t.database.db, {
      userId: t.userId("sales1"),
      kind: "test",
      dedupeKey: `matrix-${Date.now()}`,
    });
    const row = await t.database.db
      .selectFrom("notifications")
      .select("id")
      .where("userId", "=", t.userId("sales1"))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    return {
      url: `/api/notifications/${row.id}/read`,
      stillThere: async () =>
        (
          await t.database.db
            .selectFrom("notifications")
            .select("readAt")
            .where("id", "=", row.id)
            .executeTakeFirstOrThrow()
        ).readAt === null,
    };
  },
};

/** An import uploaded by sales1; "still there" means it was neither started, cancelled nor undone. */
function anotherUsersImport(build: (id: string) => { url: string; body?: unknown }): OutOfScopeCase {
  return {
    caller: "sales2",
    async arrange(t) {
      const owner = await t.identity("sales1");
      const csv = new TextEncoder().encode("Company,Country\nOther Rep Import Ltd,DE\n");
      const preview = await t.services.imports.upload({ user: owner, requestId: "t" }, "theirs.csv", csv);
      return {
        ...build(preview.id),
        stillThere: async () =>
          (
            await t.database.db
              .selectFrom("imports")
              .select("status")
              .where("id", "=", preview.id)
              .executeTakeFirstOrThrow()
          ).status === "uploaded",
      };
    },
  };
}

/** An export requested by sales1, not readable by sales2 (both may export? a rep may not: the head asks). */
function anotherUsersExport(build: (id: string) => { url: string }): OutOfScopeCase {
  return {
    caller: "gm",
    async arrange(t) {
      const head = await t.identity("head");
      const requested = await t.services.exports.request(
        { user: head, requestId: "t" },
        exportRequest.parse({}),
      );
      return {
        ...build(requested.id),
        stillThere: async () =>
          (await t.database.db
            .selectFrom("exports")
            .select("id")
            .where("id", "=", requested.id)
            .executeTakeFirst()) !== undefined,
      };
    },
  };
}

export const PERMISSION_MATRIX: Record<string, MatrixEntry> = {
  "GET /api/openapi.json": { access: "public" },
  "GET /api/health": { access: "public" },
  "GET /api/setup": { access: "public" },
  "POST /api/setup": { access: "public" },
  "POST /api/auth/login": { access: "public" },
  "POST /api/auth/logout": { access: "user" },
  "GET /api/auth/me": { access: "user" },
  "GET /api/auth/session": { access: "public" },
  "PATCH /api/auth/me": { access: "user" },
  "POST /api/auth/password": { access: "user" },
  "GET /api/auth/sessions": { access: "user" },
  "DELETE /api/auth/sessions/:id": { access: "user", outOfScope: anotherUsersSession },
  "GET /api/auth/tokens": { access: "user" },
  "POST /api/auth/tokens": { access: "user" },
  "DELETE /api/auth/tokens/:id": { access: "user", outOfScope: anotherUsersToken },
  "GET /api/users": { access: "users.read" },
  "GET /api/users/:id": { access: "users.read" },
  "POST /api/users": { access: "users.manage" },
  "PATCH /api/users/:id": { access: "users.manage" },
  "POST /api/users/:id/password": { access: "users.manage" },
  "GET /api/roles": { access: "users.read" },
  "POST /api/roles": { access: "roles.manage" },
  "PATCH /api/roles/:id": { access: "roles.manage" },
  "DELETE /api/roles/:id": { access: "roles.manage" },
  "GET /api/departments": { access: "user" },
  "POST /api/departments": { access: "org.manage" },
  "PATCH /api/departments/:id": { access: "org.manage" },
  "DELETE /api/departments/:id": { access: "org.manage" },
  "GET /api/teams": { access: "user" },
  "POST /api/teams": { access: "org.manage" },
  "PATCH /api/teams/:id": { access: "org.manage" },
  "DELETE /api/teams/:id": { access: "org.manage" },
  "GET /api/zones": { access: "user" },
  "POST /api/zones": { access: "org.manage" },
  "PATCH /api/zones/:id": { access: "org.manage" },
  "DELETE /api/zones/:id": { access: "org.manage" },
  "GET /api/audit-log": { access: "audit.read" },
  "GET /api/notifications": { access: "user" },
  "POST /api/notifications/:id/read": { access: "user", outOfScope: anotherUsersNotification },
  "POST /api/notifications/read-all": { access: "user" },
  "GET /api/customers": { access: "customers.read" },
  "POST /api/customers": { access: "customers.create" },
  "POST /api/customers/duplicate-check": { access: "customers.read" },
  "GET /api/customers/tags": { access: "customers.read" },
  "POST /api/customers/bulk-tags": {
    access: "customers.update",
    outOfScope: customerCase((id) => ({
      url: "/api/customers/bulk-tags",
      body: { customerIds: [id], add: ["hijacked"] },
    })),
  },
  "POST /api/customers/transfer": {
    access: "customers.transfer",
    outOfScope: customerCase(
      (id, t) => ({
        url: "/api/customers/transfer",
        body: { customerIds: [id], toUserId: t.userId("sales1") },
      }),
      "sales1",
      "buyer",
    ),
  },
  "POST /api/customers/hand-over": { access: "customers.transfer" },
  "GET /api/customers/:id": {
    access: "customers.read",
    outOfScope: customerCase((id) => ({ url: `/api/customers/${id}` })),
  },
  "PATCH /api/customers/:id": {
    access: "customers.update",
    outOfScope: customerCase((id) => ({
      url: `/api/customers/${id}`,
      body: { version: 1, companyName: "Hijacked" },
    })),
  },
  "DELETE /api/customers/:id": {
    access: "customers.delete",
    outOfScope: customerCase((id) => ({ url: `/api/customers/${id}` }), "head", "ar"),
  },
  "POST /api/customers/:id/merge": {
    access: "customers.merge",
    outOfScope: customerCase(
      async (id, t) => ({
        url: `/api/customers/${id}/merge`,
        body: { sourceId: (await t.customerFor("sales1")).id },
      }),
      "sales1",
      "buyer",
    ),
  },
  "POST /api/customers/:id/claim": {
    access: "customers.claim",
    outOfScope: customerCase((id) => ({ url: `/api/customers/${id}/claim` })),
  },
  "GET /api/customers/:id/timeline": {
    access: "customers.read",
    outOfScope: customerCase((id) => ({ url: `/api/customers/${id}/timeline` })),
  },
  "GET /api/customers/:id/follow-ups": {
    access: "customers.read",
    outOfScope: customerCase((id) => ({ url: `/api/customers/${id}/follow-ups` })),
  },
  "POST /api/customers/:id/follow-ups": {
    access: "customers.update",
    outOfScope: customerCase((id) => ({
      url: `/api/customers/${id}/follow-ups`,
      body: { date: "2026-01-05", channel: "call", summary: "x" },
    })),
  },
  "PATCH /api/follow-ups/:id": { access: "customers.update", outOfScope: followUpOfAnotherTeam },
  "DELETE /api/follow-ups/:id": { access: "customers.update", outOfScope: followUpOfAnotherTeam },
  "GET /api/my-day": { access: "customers.read" },
  "GET /api/settings/pool": { access: "user" },
  "PUT /api/settings/pool": { access: "settings.manage" },
  "GET /api/saved-views": { access: "user" },
  "POST /api/saved-views": { access: "user" },
  "DELETE /api/saved-views/:id": { access: "user", outOfScope: anotherUsersView },
  "GET /api/users/options": { access: "user" },
  "POST /api/imports": { access: "customers.import" },
  "GET /api/imports/blank-template": { access: "customers.import" },
  "GET /api/imports": { access: "customers.import" },
  "GET /api/imports/:id": {
    access: "customers.import",
    outOfScope: anotherUsersImport((id) => ({ url: `/api/imports/${id}` })),
  },
  "POST /api/imports/:id/preview": {
    access: "customers.import",
    outOfScope: anotherUsersImport((id) => ({ url: `/api/imports/${id}/preview`, body: {} })),
  },
  "POST /api/imports/:id/start": {
    access: "customers.import",
    outOfScope: anotherUsersImport((id) => ({
      url: `/api/imports/${id}/start`,
      body: { headerRow: 0, mapping: ["companyName", "country"] },
    })),
  },
  "POST /api/imports/:id/cancel": {
    access: "customers.import",
    outOfScope: anotherUsersImport((id) => ({ url: `/api/imports/${id}/cancel` })),
  },
  "GET /api/imports/:id/rejected": {
    access: "customers.import",
    outOfScope: anotherUsersImport((id) => ({ url: `/api/imports/${id}/rejected` })),
  },
  "POST /api/imports/:id/undo": {
    access: "customers.import",
    outOfScope: anotherUsersImport((id) => ({ url: `/api/imports/${id}/undo` })),
  },
  "GET /api/import-templates": { access: "customers.import" },
  "POST /api/import-templates": { access: "customers.import" },
  "DELETE /api/import-templates/:id": { access: "customers.import" },
  "POST /api/exports": { access: "customers.export" },
  "GET /api/exports/:id": {
    access: "customers.export",
    outOfScope: anotherUsersExport((id) => ({ url: `/api/exports/${id}` })),
  },
  "GET /api/exports/:id/file": {
    access: "customers.export",
    outOfScope: anotherUsersExport((id) => ({ url: `/api/exports/${id}/file` })),
  },
};
