/**
 * Administration of departments, teams and zones. Every change is audited and clears the
 * identity cache, because leads and memberships decide data scopes.
 */
import type { DepartmentInput, TeamInput, ZoneInput } from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { ActorContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { badRequest, conflict, notFound, staleVersion } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import type { IdentityService } from "../auth/identity.service.ts";
import * as repo from "./org.repository.ts";

type Versioned<T> = T & { version: number };

export type OrgService = ReturnType<typeof createOrgService>;

export function createOrgService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  identity: IdentityService;
}) {
  const { db, clock, audit } = deps;

  async function checkUsers(tx: Kysely<DB>, path: string, ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if ((await repo.countUsers(tx, wanted)) !== wanted.length) {
      throw badRequest(`Unknown user in ${path}.`, [{ path, message: "No such user" }]);
    }
  }

  async function inTransaction<T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    const result = await db.transaction().execute(work);
    deps.identity.invalidate();
    return result;
  }

  function checkUpdated(result: { numUpdatedRows: bigint }) {
    if (Number(result.numUpdatedRows) === 0) throw staleVersion();
  }

  return {
    listDepartments: () => repo.listDepartments(db),
    listTeams: () => repo.listTeams(db),
    listZones: () => repo.listZones(db),

    createDepartment: (ctx: ActorContext, input: DepartmentInput) =>
      inTransaction(async (trx) => {
        await checkUsers(trx, "leadUserId", [input.leadUserId]);
        const now = isoNow(clock);
        const row = { id: newId(), ...input, createdAt: now, updatedAt: now, version: 1 };
        await trx.insertInto("departments").values(row).execute();
        await audit.record(trx, ctx, {
          action: "department.created",
          entity: "department",
          entityId: row.id,
          after: input,
        });
        return { id: row.id, name: row.name, leadUserId: row.leadUserId, version: 1 };
      }),

    updateDepartment: (ctx: ActorContext, id: string, input: Versioned<DepartmentInput>) =>
      inTransaction(async (trx) => {
        const before = await trx
          .selectFrom("departments")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirst();
        if (!before) throw notFound("Department");
        await checkUsers(trx, "leadUserId", [input.leadUserId]);
        checkUpdated(
          await trx
            .updateTable("departments")
            .set({
              name: input.name,
              leadUserId: input.leadUserId,
              updatedAt: isoNow(clock),
              version: input.version + 1,
            })
            .where("id", "=", id)
            .where("version", "=", input.version)
            .executeTakeFirst(),
        );
        const after = { name: input.name, leadUserId: input.leadUserId };
        await audit.record(trx, ctx, {
          action: "department.updated",
          entity: "department",
          entityId: id,
          before,
          after: { ...before, ...after },
        });
        return { id, ...after, version: input.version + 1 };
      }),

    deleteDepartment: (ctx: ActorContext, id: string) =>
      inTransaction(async (trx) => {
        const before = await trx
          .selectFrom("departments")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirst();
        if (!before) throw notFound("Department");
        if ((await repo.countTeamsInDepartment(trx, id)) > 0) {
          throw conflict("This department still has teams. Move or delete them first.");
        }
        await trx.deleteFrom("departments").where("id", "=", id).execute();
        await audit.record(trx, ctx, {
          action: "department.deleted",
          entity: "department",
          entityId: id,
          before,
        });
      }),

    createTeam: (ctx: ActorContext, input: TeamInput) =>
      inTransaction(async (trx) => {
        await checkUsers(trx, "leadUserId", [input.leadUserId]);
        const department = await trx
          .selectFrom("departments")
          .select("id")
          .where("id", "=", input.departmentId)
          .executeTakeFirst();
        if (!department)
          throw badRequest("Unknown department.", [{ path: "departmentId", message: "No such department" }]);
        const now = isoNow(clock);
        const row = { id: newId(), ...input, createdAt: now, updatedAt: now, version: 1 };
        await trx.insertInto("teams").values(row).execute();
        await audit.record(trx, ctx, {
          action: "team.created",
          entity: "team",
          entityId: row.id,
          after: input,
        });
        return { ...input, id: row.id, memberCount: 0, version: 1 };
      }),

    updateTeam: (ctx: ActorContext, id: string, input: Versioned<TeamInput>) =>
      inTransaction(async (trx) => {
        const before = await trx.selectFrom("teams").selectAll().where("id", "=", id).executeTakeFirst();
        if (!before) throw notFound("Team");
        await checkUsers(trx, "leadUserId", [input.leadUserId]);
        const { version, ...fields } = input;
        checkUpdated(
          await trx
            .updateTable("teams")
            .set({ ...fields, updatedAt: isoNow(clock), version: version + 1 })
            .where("id", "=", id)
            .where("version", "=", version)
            .executeTakeFirst(),
        );
        await audit.record(trx, ctx, {
          action: "team.updated",
          entity: "team",
          entityId: id,
          before,
          after: { ...before, ...fields },
        });
        return { ...fields, id, memberCount: await repo.countUsersInTeam(trx, id), version: version + 1 };
      }),

    deleteTeam: (ctx: ActorContext, id: string) =>
      inTransaction(async (trx) => {
        const before = await trx.selectFrom("teams").selectAll().where("id", "=", id).executeTakeFirst();
        if (!before) throw notFound("Team");
        if ((await repo.countUsersInTeam(trx, id)) > 0) {
          throw conflict("This team still has members. Move them to another team first.");
        }
        await trx.deleteFrom("teams").where("id", "=", id).execute();
        await audit.record(trx, ctx, { action: "team.deleted", entity: "team", entityId: id, before });
      }),

    createZone: (ctx: ActorContext, input: ZoneInput) =>
      inTransaction(async (trx) => {
        await checkUsers(trx, "leadUserId", [input.leadUserId]);
        await checkUsers(trx, "memberIds", input.memberIds);
        const now = isoNow(clock);
        const { memberIds, ...fields } = input;
        const id = newId();
        await trx
          .insertInto("zones")
          .values({ id, ...fields, createdAt: now, updatedAt: now, version: 1 })
          .execute();
        await repo.replaceZoneMembers(trx, id, [...new Set(memberIds)]);
        await audit.record(trx, ctx, { action: "zone.created", entity: "zone", entityId: id, after: input });
        return { ...input, id, version: 1 };
      }),

    updateZone: (ctx: ActorContext, id: string, input: Versioned<ZoneInput>) =>
      inTransaction(async (trx) => {
        const zones = await repo.listZones(trx);
        const before = zones.find((z) => z.id === id);
        if (!before) throw notFound("Zone");
        await checkUsers(trx, "leadUserId", [input.leadUserId]);
        await checkUsers(trx, "memberIds", input.memberIds);
        const { version, memberIds, ...fields } = input;
        checkUpdated(
          await trx
            .updateTable("zones")
            .set({ ...fields, updatedAt: isoNow(clock), version: version + 1 })
            .where("id", "=", id)
            .where("version", "=", version)
            .executeTakeFirst(),
        );
        await repo.replaceZoneMembers(trx, id, [...new Set(memberIds)]);
        const after = { ...fields, memberIds: [...new Set(memberIds)].sort() };
        await audit.record(trx, ctx, {
          action: "zone.updated",
          entity: "zone",
          entityId: id,
          before: { ...before, memberIds: [...before.memberIds].sort() },
          after: { ...before, ...after },
        });
        return { ...after, id, version: version + 1 };
      }),

    deleteZone: (ctx: ActorContext, id: string) =>
      inTransaction(async (trx) => {
        const before = await trx.selectFrom("zones").selectAll().where("id", "=", id).executeTakeFirst();
        if (!before) throw notFound("Zone");
        await repo.replaceZoneMembers(trx, id, []);
        await trx.deleteFrom("zones").where("id", "=", id).execute();
        await audit.record(trx, ctx, { action: "zone.deleted", entity: "zone", entityId: id, before });
      }),
  };
}
