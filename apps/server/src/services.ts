/**
 * Wires the services of every area together from their dependencies. One place, no container:
 * each service gets exactly what it uses.
 */
import type { Clock } from "./clock.ts";
import type { Database } from "./db/database.ts";
import { createAuditLog } from "./modules/audit/audit.service.ts";
import { type AuthSettings, createAuthService } from "./modules/auth/auth.service.ts";
import { createIdentityService } from "./modules/auth/identity.service.ts";
import { createOrgService } from "./modules/org/org.service.ts";
import { createRolesService } from "./modules/roles/roles.service.ts";
import { createSetupService } from "./modules/setup/setup.service.ts";
import { createUsersService } from "./modules/users/users.service.ts";

export interface ServiceDeps {
  database: Database;
  clock: Clock;
  auth: AuthSettings;
}

export type Services = ReturnType<typeof createServices>;

export function createServices(deps: ServiceDeps) {
  const { db } = deps.database;
  const { clock } = deps;
  const audit = createAuditLog({ clock });
  const identity = createIdentityService({ db });
  const auth = createAuthService({ db, clock, audit, identity, settings: deps.auth });
  const users = createUsersService({ db, clock, audit, identity });
  const roles = createRolesService({ db, clock, audit, identity });
  const org = createOrgService({ db, clock, audit, identity });
  const setup = createSetupService({ db, clock, users, roles });
  return {
    database: deps.database,
    clock,
    authSettings: deps.auth,
    audit,
    identity,
    auth,
    users,
    roles,
    org,
    setup,
  };
}
