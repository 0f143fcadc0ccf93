/** Departments, teams and zones: the organisation (R-ORG-1, R-ORG-2). */
import type { TeamKind, ZoneFunction } from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

export function listDepartments(db: Kysely<DB>) {
  return db
    .selectFrom("departments")
    .select(["id", "name", "leadUserId", "version"])
    .orderBy("name")
    .limit(500)
    .execute();
}

export async function listTeams(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("teams")
    .select((eb) => [
      "teams.id",
      "teams.name",
      "teams.departmentId",
      "teams.kind",
      "teams.leadUserId",
      "teams.version",
      eb
        .selectFrom("users")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("users.teamId", "=", "teams.id")
        .where("users.active", "=", 1)
        .as("memberCount"),
    ])
    .orderBy("teams.name")
    .limit(500)
    .execute();
  return rows.map((row) => ({
    ...row,
    kind: row.kind as TeamKind,
    memberCount: Number(row.memberCount ?? 0),
  }));
}

export async function listZones(db: Kysely<DB>) {
  const [zones, members] = await Promise.all([
    db
      .selectFrom("zones")
      .select(["id", "name", "function", "leadUserId", "version"])
      .orderBy("name")
      .limit(500)
      .execute(),
    db.selectFrom("zoneMembers").select(["zoneId", "userId"]).execute(),
  ]);
  return zones.map((zone) => ({
    ...zone,
    function: zone.function as ZoneFunction,
    memberIds: members.filter((m) => m.zoneId === zone.id).map((m) => m.userId),
  }));
}

export async function replaceZoneMembers(db: Kysely<DB>, zoneId: string, userIds: string[]) {
  await db.deleteFrom("zoneMembers").where("zoneId", "=", zoneId).execute();
  if (userIds.length > 0)
    await db
      .insertInto("zoneMembers")
      .values(userIds.map((userId) => ({ zoneId, userId })))
      .execute();
}

export async function countUsers(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("id", "in", ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countTeamsInDepartment(db: Kysely<DB>, departmentId: string) {
  const row = await db
    .selectFrom("teams")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("departmentId", "=", departmentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsersInTeam(db: Kysely<DB>, teamId: string) {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("teamId", "=", teamId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
