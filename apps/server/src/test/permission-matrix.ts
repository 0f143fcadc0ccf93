/**
 * The permission matrix: every API route, the access it must declare, and, for routes that
 * address one record, how to aim them at a record outside the caller's scope. The matrix test
 * fails when a route is missing here, so a new route cannot skip the checks.
 */
import type { RouteAccess } from "../http/access.ts";
import type { TestContext } from "./harness.ts";

export interface OutOfScopeCase {
  /** Creates a record the caller (sales3) may not see; returns the URL (and body) aimed at it. */
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

export const PERMISSION_MATRIX: Record<string, MatrixEntry> = {
  "GET /api/openapi.json": { access: "public" },
  "GET /api/health": { access: "public" },
  "GET /api/setup": { access: "public" },
  "POST /api/setup": { access: "public" },
  "POST /api/auth/login": { access: "public" },
  "POST /api/auth/logout": { access: "user" },
  "GET /api/auth/me": { access: "user" },
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
};
