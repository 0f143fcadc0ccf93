/**
 * The one policy module every area calls (R-ORG-4).
 *
 * `can` answers whether a user holds a permission and, for a record with an owner, whether the
 * record is inside the user's data scope. `scopeFilter` puts the same scope into SQL so a list
 * never returns a row outside it; a single record outside it is answered with 404.
 */
import { hasPermission, type Permission } from "@tradewind/domain";
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import { forbidden } from "../http/errors.ts";
import type { AuthUser, ScopeSubject } from "./identity.ts";

/** Where a record sits in the organisation, through its owner. */
export interface OwnedRecord {
  ownerId: string | null;
  ownerTeamId: string | null;
  ownerDepartmentId: string | null;
  ownerZoneIds?: readonly string[];
}

export function inScope(user: ScopeSubject, record: OwnedRecord): boolean {
  if (record.ownerId !== null && record.ownerId === user.id) return true;
  switch (user.dataScope) {
    case "all":
      return true;
    case "department":
      return record.ownerDepartmentId !== null && user.departmentIds.includes(record.ownerDepartmentId);
    case "team":
      return (
        (record.ownerTeamId !== null && user.teamIds.includes(record.ownerTeamId)) ||
        (record.ownerZoneIds ?? []).some((zoneId) => user.ledZoneIds.includes(zoneId))
      );
    case "own":
      return false;
  }
}

export function can(user: AuthUser, permission: Permission, record?: OwnedRecord): boolean {
  if (!hasPermission(user, permission)) return false;
  return record === undefined || inScope(user, record);
}

export function assertCan(user: AuthUser, permission: Permission): void {
  if (!hasPermission(user, permission)) throw forbidden();
}

/**
 * A SQL condition: the record's owner is within the caller's scope. `ownerColumn` is the owner
 * column of the listed table (e.g. sql.ref("customers.ownerId")). Subqueries on users, teams and
 * zone_members keep it join-free for the caller; an "own" scope is a plain equality the
 * owner index serves.
 */
export function scopeFilter(user: ScopeSubject, ownerColumn: Expression<string | null>): RawBuilder<SqlBool> {
  const ids = (values: readonly string[]) => sql.join(values.length > 0 ? values : ["\u0000none"]);
  switch (user.dataScope) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "own":
      return sql<SqlBool>`${ownerColumn} = ${user.id}`;
    case "team":
      return sql<SqlBool>`(${ownerColumn} = ${user.id}
        or ${ownerColumn} in (select id from users where team_id in (${ids(user.teamIds)}))
        or ${ownerColumn} in (select user_id from zone_members where zone_id in (${ids(user.ledZoneIds)})))`;
    case "department":
      return sql<SqlBool>`(${ownerColumn} = ${user.id}
        or ${ownerColumn} in (select u.id from users u join teams t on t.id = u.team_id
                              where t.department_id in (${ids(user.departmentIds)})))`;
  }
}
