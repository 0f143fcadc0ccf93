/**
 * Roles and their permission sets (R-ORG-3). Built-in roles can have their permissions and
 * scope changed but not be deleted; a role still held by users cannot be deleted.
 */
import { BUILTIN_ROLES, type DataScope, type Permission, type Role } from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { ActorContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { conflict, notFound, staleVersion } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { IdentityService } from "../auth/identity.service.ts";

export interface RoleInput {
  key: string;
  nameZh: string;
  nameEn: string;
  dataScope: DataScope;
  permissions: Permission[];
}

export type RolesService = ReturnType<typeof createRolesService>;

export function createRolesService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  identity: IdentityService;
}) {
  const { db, clock, audit } = deps;

  async function list(tx: Kysely<DB> = db): Promise<Role[]> {
    const rows = await tx
      .selectFrom("roles")
      .select((eb) => [
        "roles.id",
        "roles.key",
        "roles.nameZh",
        "roles.nameEn",
        "roles.dataScope",
        "roles.permissions",
        "roles.builtin",
        "roles.version",
        eb
          .selectFrom("userRoles")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("userRoles.roleId", "=", "roles.id")
          .as("userCount"),
      ])
      .orderBy("roles.builtin", "desc")
      .orderBy("roles.key")
      .limit(500)
      .execute();
    return rows.map((row) => ({
      ...row,
      dataScope: row.dataScope as DataScope,
      permissions: (JSON.parse(row.permissions) as Permission[]).sort(),
      builtin: row.builtin === 1,
      userCount: Number(row.userCount ?? 0),
    }));
  }

  async function get(tx: Kysely<DB>, id: string): Promise<Role> {
    const role = (await list(tx)).find((r) => r.id === id);
    if (!role) throw notFound("Role");
    return role;
  }

  async function done<T>(result: T): Promise<T> {
    deps.identity.invalidate();
    return result;
  }

  return {
    list: () => list(),

    /** Creates the built-in roles that do not exist yet (first start and after upgrades). */
    async ensureBuiltins(ctx: ActorContext): Promise<void> {
      const existing = new Set((await db.selectFrom("roles").select("key").execute()).map((r) => r.key));
      const now = isoNow(clock);
      for (const role of BUILTIN_ROLES) {
        if (existing.has(role.key)) continue;
        await db.transaction().execute(async (trx) => {
          const id = newId();
          await trx
            .insertInto("roles")
            .values({
              id,
              key: role.key,
              nameZh: role.nameZh,
              nameEn: role.nameEn,
              dataScope: role.dataScope,
              permissions: JSON.stringify([...role.permissions].sort()),
              builtin: 1,
              createdAt: now,
              updatedAt: now,
              version: 1,
            })
            .execute();
          await audit.record(trx, ctx, {
            action: "role.created",
            entity: "role",
            entityId: id,
            after: { ...role },
          });
        });
      }
    },

    async create(ctx: ActorContext, input: RoleInput): Promise<Role> {
      const role = await db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom("roles")
          .select("id")
          .where("key", "=", input.key)
          .executeTakeFirst();
        if (taken)
          throw conflict(`A role with the key ${input.key} already exists.`, [
            { path: "key", message: "Already in use" },
          ]);
        const now = isoNow(clock);
        const id = newId();
        const permissions = [...new Set(input.permissions)].sort();
        await trx
          .insertInto("roles")
          .values({
            id,
            ...input,
            permissions: JSON.stringify(permissions),
            builtin: 0,
            createdAt: now,
            updatedAt: now,
            version: 1,
          })
          .execute();
        await audit.record(trx, ctx, {
          action: "role.created",
          entity: "role",
          entityId: id,
          after: { ...input, permissions },
        });
        return get(trx, id);
      });
      return done(role);
    },

    async update(
      ctx: ActorContext,
      id: string,
      input: Omit<RoleInput, "key"> & { version: number },
    ): Promise<Role> {
      const role = await db.transaction().execute(async (trx) => {
        const before = await get(trx, id);
        const permissions = [...new Set(input.permissions)].sort();
        const result = await trx
          .updateTable("roles")
          .set({
            nameZh: input.nameZh,
            nameEn: input.nameEn,
            dataScope: input.dataScope,
            permissions: JSON.stringify(permissions),
            updatedAt: isoNow(clock),
            version: input.version + 1,
          })
          .where("id", "=", id)
          .where("version", "=", input.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw staleVersion();
        const after = await get(trx, id);
        await audit.record(trx, ctx, { action: "role.updated", entity: "role", entityId: id, before, after });
        return after;
      });
      return done(role);
    },

    async remove(ctx: ActorContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const before = await get(trx, id);
        if (before.builtin)
          throw conflict("Built-in roles cannot be deleted; change their permissions instead.");
        if (before.userCount > 0)
          throw conflict(`${before.userCount} user(s) still hold this role. Remove it from them first.`);
        await trx.deleteFrom("roles").where("id", "=", id).execute();
        await audit.record(trx, ctx, { action: "role.deleted", entity: "role", entityId: id, before });
      });
      deps.identity.invalidate();
    },
  };
}
