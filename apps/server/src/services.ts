/**
 * Wires the services of every area together from their dependencies. One place, no container:
 * each service gets exactly what it uses.
 */
import type { Clock } from "./clock.ts";
import type { Database } from "./db/database.ts";
import { createAuditLog } from "./modules/audit/audit.service.ts";
import { type AuthSettings, createAuthService } from "./modules/auth/auth.service.ts";
import { createIdentityService } from "./modules/auth/identity.service.ts";
import { createCustomersService } from "./modules/customers/customers.service.ts";
import { createFollowUpsService } from "./modules/customers/follow-ups.service.ts";
import { createMyDayService } from "./modules/customers/my-day.service.ts";
import { createOwnershipService } from "./modules/customers/ownership.service.ts";
import { createSavedViewsService } from "./modules/customers/saved-views.service.ts";
import { createExportsService } from "./modules/exports/exports.service.ts";
import { createImportsService, type ImportLimits } from "./modules/imports/imports.service.ts";
import { DEFAULT_READ_LIMITS } from "./modules/imports/spreadsheet.ts";
import { createNotifications } from "./modules/notifications/notifications.service.ts";
import { createOrgService } from "./modules/org/org.service.ts";
import { createRolesService } from "./modules/roles/roles.service.ts";
import { createSetupService } from "./modules/setup/setup.service.ts";
import { createTimeline } from "./modules/timeline/timeline.service.ts";
import { createUsersService } from "./modules/users/users.service.ts";

export interface ServiceDeps {
  database: Database;
  clock: Clock;
  auth: AuthSettings;
  imports?: Partial<ImportLimits>;
  /** Queues a job; the app wires this to the job runner (tests may run jobs directly). */
  enqueue?: (name: string, payload: unknown) => Promise<void>;
  /** The company's time zone: it decides "today" for urgency, grades and due follow-ups. */
  companyTimeZone?: string;
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
  const companyTimeZone = deps.companyTimeZone ?? "Asia/Shanghai";
  const timeline = createTimeline({ clock });
  const notifications = createNotifications({ db, clock });
  const customers = createCustomersService({
    db,
    dialect: deps.database.dialect,
    clock,
    audit,
    timeline,
    companyTimeZone,
  });
  const followUps = createFollowUpsService({ db, clock, audit, timeline, companyTimeZone });
  const ownership = createOwnershipService({ db, clock, audit, timeline, notifications });
  const myDay = createMyDayService({ db, clock, companyTimeZone });
  const savedViews = createSavedViewsService({ db, clock });
  const enqueue = deps.enqueue ?? (async () => {});
  const imports = createImportsService({
    db,
    engine: deps.database.kind,
    ...(deps.database.sqlite ? { sqlite: deps.database.sqlite } : {}),
    clock,
    audit,
    timeline,
    customers,
    identity,
    companyTimeZone,
    limits: {
      ...DEFAULT_READ_LIMITS,
      maxFileBytes: 20 * 1024 * 1024,
      readTimeoutMs: 60_000,
      parallelMappingFrom: 20_000,
      ...deps.imports,
    },
    enqueueRun: (importId) => enqueue("imports.run", { importId }),
  });
  const exports = createExportsService({
    db,
    clock,
    audit,
    customers,
    identity,
    enqueueRun: (exportId) => enqueue("exports.run", { exportId }),
  });
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
    timeline,
    notifications,
    customers,
    followUps,
    ownership,
    myDay,
    savedViews,
    imports,
    exports,
    importLimits: { maxFileBytes: deps.imports?.maxFileBytes ?? 20 * 1024 * 1024 },
  };
}
