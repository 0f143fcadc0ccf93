/**
 * Turns a user row into an `AuthUser`: the union of its roles' permissions, the widest of their
 * scopes, and the teams, zones and departments that scope covers. Kept for a few seconds per
 * user, because every request needs it and it changes rarely; changes made through this
 * process clear it at once.
 */
import { type DataScope, isPermission, type Locale, type Permission, widestScope } from "@tradewind/domain";
import type { Kysely } from "kysely";
import type { AuthUser } from "../../access/identity.ts";
import type { DB } from "../../db/schema.ts";
import { findTeamDepartment, loadIdentityParts } from "./auth.repository.ts";

export interface UserRowForIdentity {
  id: string;
  email: string;
  name: string;
  locale: string;
  teamId: string | null;
}

type IdentityCore = Omit<AuthUser, "via" | "sessionId" | "csrfToken">;

const CACHE_MS = 5_000;

export type IdentityService = ReturnType<typeof createIdentityService>;

export function createIdentityService(deps: { db: Kysely<DB> }) {
  const cache = new Map<string, { at: number; key: string; core: IdentityCore }>();

  async function build(row: UserRowForIdentity): Promise<IdentityCore> {
    const parts = await loadIdentityParts(deps.db, row.id);
    const permissions = new Set<Permission>();
    const scopes: DataScope[] = [];
    for (const role of parts.roles) {
      scopes.push(role.dataScope as DataScope);
      for (const p of JSON.parse(role.permissions) as string[]) if (isPermission(p)) permissions.add(p);
    }
    const teamIds = new Set<string>(parts.ledTeams.map((t) => t.id));
    const departmentIds = new Set<string>([
      ...parts.ledDepartments.map((d) => d.id),
      ...parts.ledTeams.map((t) => t.departmentId),
    ]);
    if (row.teamId) {
      teamIds.add(row.teamId);
      const team = await findTeamDepartment(deps.db, row.teamId);
      if (team) departmentIds.add(team.departmentId);
    }
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      locale: row.locale as Locale,
      teamId: row.teamId,
      roleKeys: parts.roles.map((r) => r.key).sort(),
      permissions,
      dataScope: widestScope(scopes),
      teamIds: [...teamIds],
      ledZoneIds: parts.ledZones.map((z) => z.id),
      departmentIds: [...departmentIds],
    };
  }

  return {
    async forUser(row: UserRowForIdentity): Promise<IdentityCore> {
      // The row's own fields are part of the key, so a renamed or moved user is rebuilt at once.
      const key = `${row.email}|${row.name}|${row.locale}|${row.teamId ?? ""}`;
      const hit = cache.get(row.id);
      if (hit && hit.key === key && Date.now() - hit.at < CACHE_MS) return hit.core;
      const core = await build(row);
      cache.set(row.id, { at: Date.now(), key, core });
      return core;
    },
    /** Called after any change to users, roles or the organisation. */
    invalidate(): void {
      cache.clear();
    },
  };
}
