/** Queries behind authentication: sessions, API tokens, login failures and a user's identity. */
import type { Kysely } from "kysely";
import { hotQuery } from "../../db/hot-query.ts";
import type { ApiTokensTable, DB, SessionsTable } from "../../db/schema.ts";

export function findUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Everything that decides a user's permissions and scope, in four small queries. */
export async function loadIdentityParts(db: Kysely<DB>, userId: string) {
  const [roles, ledTeams, ledDepartments, ledZones] = await Promise.all([
    db
      .selectFrom("userRoles")
      .innerJoin("roles", "roles.id", "userRoles.roleId")
      .select(["roles.key", "roles.permissions", "roles.dataScope"])
      .where("userRoles.userId", "=", userId)
      .execute(),
    db.selectFrom("teams").select(["id", "departmentId"]).where("leadUserId", "=", userId).execute(),
    db.selectFrom("departments").select("id").where("leadUserId", "=", userId).execute(),
    db.selectFrom("zones").select("id").where("leadUserId", "=", userId).execute(),
  ]);
  return { roles, ledTeams, ledDepartments, ledZones };
}

export function findTeamDepartment(db: Kysely<DB>, teamId: string) {
  return db.selectFrom("teams").select("departmentId").where("id", "=", teamId).executeTakeFirst();
}

export function insertSession(db: Kysely<DB>, session: SessionsTable) {
  return db.insertInto("sessions").values(session).execute();
}

/** The session behind a request and its user; runs on every request, so compiled once. */
const sessionWithUser = hotQuery((db, sessionId: string) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.userId")
    .select([
      "sessions.id as sessionId",
      "sessions.csrfToken",
      "sessions.lastSeenAt",
      "sessions.expiresAt",
      "users.id",
      "users.email",
      "users.name",
      "users.locale",
      "users.teamId",
      "users.active",
    ])
    .where("sessions.id", "=", sessionId),
);

export async function findSessionWithUser(db: Kysely<DB>, sessionId: string) {
  return (await sessionWithUser(db, sessionId))[0];
}

export function touchSession(db: Kysely<DB>, sessionId: string, at: string) {
  return db.updateTable("sessions").set({ lastSeenAt: at }).where("id", "=", sessionId).execute();
}

export function deleteSession(db: Kysely<DB>, sessionId: string) {
  return db.deleteFrom("sessions").where("id", "=", sessionId).executeTakeFirst();
}

export function deleteUserSessions(db: Kysely<DB>, userId: string, exceptSessionId?: string) {
  let query = db.deleteFrom("sessions").where("userId", "=", userId);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  return query.executeTakeFirst();
}

export function listUserSessions(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("userId", "=", userId)
    .orderBy("lastSeenAt", "desc")
    .limit(200)
    .execute();
}

/** Sessions past their absolute end or idle for longer than allowed. */
export function deleteExpiredSessions(db: Kysely<DB>, now: string, idleSince: string) {
  return db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expiresAt", "<=", now), eb("lastSeenAt", "<", idleSince)]))
    .executeTakeFirst();
}

export function insertApiToken(db: Kysely<DB>, token: ApiTokensTable) {
  return db.insertInto("apiTokens").values(token).execute();
}

/** The API token behind a request and its user; runs on every integration request, so compiled once. */
const apiTokenWithUser = hotQuery((db, tokenHash: string) =>
  db
    .selectFrom("apiTokens")
    .innerJoin("users", "users.id", "apiTokens.userId")
    .select([
      "apiTokens.id as tokenId",
      "apiTokens.expiresAt",
      "apiTokens.revokedAt",
      "apiTokens.lastUsedAt",
      "users.id",
      "users.email",
      "users.name",
      "users.locale",
      "users.teamId",
      "users.active",
    ])
    .where("apiTokens.tokenHash", "=", tokenHash),
);

export async function findApiTokenWithUser(db: Kysely<DB>, tokenHash: string) {
  return (await apiTokenWithUser(db, tokenHash))[0];
}

export function touchApiToken(db: Kysely<DB>, tokenId: string, at: string) {
  return db.updateTable("apiTokens").set({ lastUsedAt: at }).where("id", "=", tokenId).execute();
}

export function listUserApiTokens(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("apiTokens")
    .select(["id", "name", "prefix", "createdAt", "lastUsedAt", "expiresAt"])
    .where("userId", "=", userId)
    .where("revokedAt", "is", null)
    .orderBy("createdAt", "desc")
    .limit(200)
    .execute();
}

export function revokeApiToken(db: Kysely<DB>, userId: string, tokenId: string, at: string) {
  return db
    .updateTable("apiTokens")
    .set({ revokedAt: at })
    .where("id", "=", tokenId)
    .where("userId", "=", userId)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
}

export function revokeUserApiTokens(db: Kysely<DB>, userId: string, at: string) {
  return db
    .updateTable("apiTokens")
    .set({ revokedAt: at })
    .where("userId", "=", userId)
    .where("revokedAt", "is", null)
    .execute();
}

export function insertLoginFailure(
  db: Kysely<DB>,
  row: { id: string; email: string; ip: string; at: string },
) {
  return db.insertInto("loginFailures").values(row).execute();
}

export function recentLoginFailures(db: Kysely<DB>, email: string, since: string) {
  return db
    .selectFrom("loginFailures")
    .select(["at"])
    .where("email", "=", email)
    .where("at", ">=", since)
    .orderBy("at", "asc")
    .limit(1000)
    .execute();
}

export function clearLoginFailures(db: Kysely<DB>, email: string) {
  return db.deleteFrom("loginFailures").where("email", "=", email).execute();
}

export function deleteOldLoginFailures(db: Kysely<DB>, before: string) {
  return db.deleteFrom("loginFailures").where("at", "<", before).executeTakeFirst();
}

export function setPasswordHash(db: Kysely<DB>, userId: string, passwordHash: string, at: string) {
  return db
    .updateTable("users")
    .set((eb) => ({ passwordHash, passwordChangedAt: at, updatedAt: at, version: eb("version", "+", 1) }))
    .where("id", "=", userId)
    .execute();
}
