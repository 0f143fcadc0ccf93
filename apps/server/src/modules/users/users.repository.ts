/** Users and their role and zone memberships. */
import type { Kysely } from "kysely";
import { containsText } from "../../db/dialect.ts";
import type { DB, UsersTable } from "../../db/schema.ts";
import { badRequest } from "../../http/errors.ts";

export interface UserListFilter {
  q?: string;
  active?: boolean;
  teamId?: string;
  roleId?: string;
  after: [name: string, id: string] | null;
  limit: number;
}

export async function listUsers(db: Kysely<DB>, filter: UserListFilter) {
  let query = db
    .selectFrom("users")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .limit(filter.limit + 1);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([containsText("name", q), containsText("email", q)]));
  }
  if (filter.active !== undefined) query = query.where("active", "=", filter.active ? 1 : 0);
  if (filter.teamId) query = query.where("teamId", "=", filter.teamId);
  if (filter.roleId) {
    const roleId = filter.roleId;
    query = query.where("id", "in", (eb) =>
      eb.selectFrom("userRoles").select("userId").where("roleId", "=", roleId),
    );
  }
  if (filter.after) {
    const [name, id] = filter.after;
    query = query.where((eb) =>
      eb.or([eb("name", ">", name), eb.and([eb("name", "=", name), eb("id", ">", id)])]),
    );
  }
  return query.execute();
}

export function findUser(db: Kysely<DB>, id: string) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findUserIdByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
}

export async function membershipsOf(db: Kysely<DB>, userIds: string[]) {
  if (userIds.length === 0) return { roles: [], zones: [] };
  const [roles, zones] = await Promise.all([
    db.selectFrom("userRoles").select(["userId", "roleId"]).where("userId", "in", userIds).execute(),
    db.selectFrom("zoneMembers").select(["userId", "zoneId"]).where("userId", "in", userIds).execute(),
  ]);
  return { roles, zones };
}

export function insertUser(db: Kysely<DB>, row: UsersTable) {
  return db.insertInto("users").values(row).execute();
}

/** Applies a change only if the row is still at `version`; returns how many rows changed. */
export async function updateUserAtVersion(
  db: Kysely<DB>,
  id: string,
  version: number,
  changes: Partial<Omit<UsersTable, "id" | "version" | "createdAt">>,
) {
  const result = await db
    .updateTable("users")
    .set((eb) => ({ ...changes, version: eb("version", "+", 1) }))
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function replaceUserRoles(db: Kysely<DB>, userId: string, roleIds: string[]) {
  await db.deleteFrom("userRoles").where("userId", "=", userId).execute();
  if (roleIds.length > 0)
    await db
      .insertInto("userRoles")
      .values(roleIds.map((roleId) => ({ userId, roleId })))
      .execute();
}

export async function replaceUserZones(db: Kysely<DB>, userId: string, zoneIds: string[]) {
  await db.deleteFrom("zoneMembers").where("userId", "=", userId).execute();
  if (zoneIds.length > 0)
    await db
      .insertInto("zoneMembers")
      .values(zoneIds.map((zoneId) => ({ userId, zoneId })))
      .execute();
}

export async function countExisting(db: Kysely<DB>, table: "roles" | "zones" | "teams", ids: string[]) {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("id", "in", ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An active user by id, or a 400 naming the field that pointed at it. */
export async function requireActiveUser(
  db: Kysely<DB>,
  id: string,
  path: string,
  message = "Choose an active user.",
) {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "active"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (user?.active !== 1) throw badRequest(message, [{ path, message: "No such active user" }]);
  return user;
}
