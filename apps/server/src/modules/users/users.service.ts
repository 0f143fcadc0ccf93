/**
 * Managing users: create, edit, assign roles, team and zones, deactivate, reset password.
 * Deactivating a user ends its sessions and revokes its API tokens in the same transaction.
 */
import type { Locale, User } from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { ActorContext, RequestContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB, UsersTable } from "../../db/schema.ts";
import { badRequest, conflict, notFound, staleVersion } from "../../http/errors.ts";
import { decodeCursor, pageFrom } from "../../http/pagination.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import { deleteUserSessions, revokeUserApiTokens } from "../auth/auth.repository.ts";
import type { IdentityService } from "../auth/identity.service.ts";
import { hashPassword } from "../auth/passwords.ts";
import * as repo from "./users.repository.ts";

export interface UserCreateInput {
  email: string;
  name: string;
  locale: Locale;
  password: string;
  teamId: string | null;
  roleIds: string[];
  zoneIds: string[];
}

export interface UserUpdateInput {
  version: number;
  email?: string;
  name?: string;
  locale?: Locale;
  active?: boolean;
  teamId?: string | null;
  roleIds?: string[];
  zoneIds?: string[];
}

type UserRow = UsersTable;

function toUser(row: UserRow, roleIds: string[], zoneIds: string[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale as Locale,
    active: row.active === 1,
    teamId: row.teamId,
    roleIds: [...roleIds].sort(),
    zoneIds: [...zoneIds].sort(),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** What the audit log shows of a user: its fields and memberships, never its password hash. */
function auditView(user: User): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = user;
  return rest;
}

export type UsersService = ReturnType<typeof createUsersService>;

export function createUsersService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  identity: IdentityService;
}) {
  const { db, clock, audit } = deps;

  async function withMemberships(rows: UserRow[], tx: Kysely<DB> = db): Promise<User[]> {
    const { roles, zones } = await repo.membershipsOf(
      tx,
      rows.map((r) => r.id),
    );
    return rows.map((row) =>
      toUser(
        row,
        roles.filter((r) => r.userId === row.id).map((r) => r.roleId),
        zones.filter((z) => z.userId === row.id).map((z) => z.zoneId),
      ),
    );
  }

  async function load(id: string, tx: Kysely<DB> = db): Promise<User> {
    const row = await repo.findUser(tx, id);
    if (!row) throw notFound("User");
    const [user] = await withMemberships([row], tx);
    return user!;
  }

  async function checkReferences(
    tx: Kysely<DB>,
    input: { teamId?: string | null; roleIds?: string[]; zoneIds?: string[] },
  ) {
    const problems: { path: string; message: string }[] = [];
    if (input.teamId && (await repo.countExisting(tx, "teams", [input.teamId])) !== 1) {
      problems.push({ path: "teamId", message: "No such team" });
    }
    if (
      input.roleIds &&
      (await repo.countExisting(tx, "roles", input.roleIds)) !== new Set(input.roleIds).size
    ) {
      problems.push({ path: "roleIds", message: "Unknown role" });
    }
    if (
      input.zoneIds &&
      (await repo.countExisting(tx, "zones", input.zoneIds)) !== new Set(input.zoneIds).size
    ) {
      problems.push({ path: "zoneIds", message: "Unknown zone" });
    }
    if (problems.length > 0) throw badRequest(`Check ${problems.map((p) => p.path).join(", ")}.`, problems);
  }

  async function assertEmailFree(tx: Kysely<DB>, email: string, exceptId?: string) {
    const existing = await repo.findUserIdByEmail(tx, email);
    if (existing && existing.id !== exceptId) {
      throw conflict(`A user with the e-mail ${email} already exists.`, [
        { path: "email", message: "Already in use" },
      ]);
    }
  }

  return {
    async list(filter: Omit<repo.UserListFilter, "after"> & { cursor?: string }) {
      const after = decodeCursor(filter.cursor, 2) as [string, string] | null;
      const rows = await repo.listUsers(db, { ...filter, after });
      const page = pageFrom(rows, filter.limit, (r) => [r.name, r.id]);
      return { items: await withMemberships(page.items), nextCursor: page.nextCursor };
    },

    get: (id: string) => load(id),

    async options(q?: string) {
      const rows = await repo.listUsers(db, { q, active: true, after: null, limit: 200 });
      return rows.slice(0, 200).map((r) => ({ id: r.id, name: r.name, teamId: r.teamId }));
    },

    async create(ctx: ActorContext, input: UserCreateInput): Promise<User> {
      const passwordHash = await hashPassword(input.password);
      const now = isoNow(clock);
      const id = newId();
      const user = await db.transaction().execute(async (trx) => {
        await assertEmailFree(trx, input.email);
        await checkReferences(trx, input);
        await repo.insertUser(trx, {
          id,
          email: input.email,
          name: input.name,
          locale: input.locale,
          active: 1,
          passwordHash,
          passwordChangedAt: now,
          teamId: input.teamId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await repo.replaceUserRoles(trx, id, [...new Set(input.roleIds)]);
        await repo.replaceUserZones(trx, id, [...new Set(input.zoneIds)]);
        const created = await load(id, trx);
        await audit.record(trx, ctx, {
          action: "user.created",
          entity: "user",
          entityId: id,
          after: auditView(created),
        });
        return created;
      });
      deps.identity.invalidate();
      return user;
    },

    async update(ctx: RequestContext, id: string, input: UserUpdateInput): Promise<User> {
      if (id === ctx.user.id && input.active === false) {
        throw badRequest("You cannot deactivate your own account. Ask another administrator.", [
          { path: "active", message: "Own account" },
        ]);
      }
      const user = await db.transaction().execute(async (trx) => {
        const before = await load(id, trx);
        if (input.email) await assertEmailFree(trx, input.email, id);
        await checkReferences(trx, input);
        const changes: Partial<UserRow> = { updatedAt: isoNow(clock) };
        if (input.email !== undefined) changes.email = input.email;
        if (input.name !== undefined) changes.name = input.name;
        if (input.locale !== undefined) changes.locale = input.locale;
        if (input.active !== undefined) changes.active = input.active ? 1 : 0;
        if (input.teamId !== undefined) changes.teamId = input.teamId;
        if ((await repo.updateUserAtVersion(trx, id, input.version, changes)) === 0) throw staleVersion();
        if (input.roleIds) await repo.replaceUserRoles(trx, id, [...new Set(input.roleIds)]);
        if (input.zoneIds) await repo.replaceUserZones(trx, id, [...new Set(input.zoneIds)]);
        if (input.active === false && before.active) {
          // R-ORG-4: a deactivated user is locked out at once, on every device and integration.
          await deleteUserSessions(trx, id);
          await revokeUserApiTokens(trx, id, isoNow(clock));
        }
        const after = await load(id, trx);
        await audit.record(trx, ctx, {
          action: input.active === false && before.active ? "user.deactivated" : "user.updated",
          entity: "user",
          entityId: id,
          before: auditView(before),
          after: auditView(after),
        });
        return after;
      });
      deps.identity.invalidate();
      return user;
    },

    async resetPassword(ctx: RequestContext, id: string, password: string): Promise<void> {
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const user = await repo.findUser(trx, id);
        if (!user) throw notFound("User");
        const now = isoNow(clock);
        await repo.updateUserAtVersion(trx, id, user.version, {
          passwordHash,
          passwordChangedAt: now,
          updatedAt: now,
        });
        await deleteUserSessions(trx, id);
        await audit.record(trx, ctx, {
          action: "user.password_reset",
          entity: "user",
          entityId: id,
          changes: { password: { before: "set", after: "reset_by_admin" } },
        });
      });
    },

    async updateOwnProfile(ctx: RequestContext, input: { name?: string; locale?: Locale }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await repo.findUser(trx, ctx.user.id);
        if (!before) throw notFound("User");
        const changes: Partial<UserRow> = { updatedAt: isoNow(clock) };
        if (input.name !== undefined) changes.name = input.name;
        if (input.locale !== undefined) changes.locale = input.locale;
        await repo.updateUserAtVersion(trx, before.id, before.version, changes);
        await audit.record(trx, ctx, {
          action: "user.profile_updated",
          entity: "user",
          entityId: before.id,
          before: { name: before.name, locale: before.locale },
          after: { name: input.name ?? before.name, locale: input.locale ?? before.locale },
        });
      });
      deps.identity.invalidate();
    },
  };
}
