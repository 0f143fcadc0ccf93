/**
 * First start: built-in roles, and either the demo company or, when demo data is off, the
 * first administrator created from the login page.
 */
import type { Kysely } from "kysely";
import type { ActorContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { conflict } from "../../http/errors.ts";
import type { RolesService } from "../roles/roles.service.ts";
import { insertSetting, readSetting } from "../settings/settings.repository.ts";
import type { UsersService } from "../users/users.service.ts";

export const SYSTEM: ActorContext = { user: null, requestId: null };

export interface DemoLogin {
  email: string;
  name: string;
  role: string;
  roleKey: string;
}

export type SetupService = ReturnType<typeof createSetupService>;

export function createSetupService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  users: UsersService;
  roles: RolesService;
}) {
  const { db, clock } = deps;

  async function userCount(): Promise<number> {
    const row = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return {
    userCount,

    async status(): Promise<{ needsAdmin: boolean; demoLogins: DemoLogin[]; demoPassword: string | null }> {
      const demo = await readSetting<{ logins: DemoLogin[]; password: string }>(db, "demo.logins");
      return {
        needsAdmin: (await userCount()) === 0,
        demoLogins: demo?.logins ?? [],
        demoPassword: demo?.password ?? null,
      };
    },

    /** Creates the first administrator; refused once any user exists. */
    async createFirstAdmin(input: {
      email: string;
      name: string;
      password: string;
      locale: "zh-CN" | "en-US";
    }) {
      if ((await userCount()) > 0) throw conflict("Tradewind is already set up. Log in instead.");
      // The settings key is a once-only guard: a second concurrent setup fails on its primary key.
      try {
        await insertSetting(db, "setup.firstAdmin", { email: input.email }, isoNow(clock));
      } catch {
        throw conflict("Tradewind is already set up. Log in instead.");
      }
      await deps.roles.ensureBuiltins(SYSTEM);
      const adminRole = await db
        .selectFrom("roles")
        .select("id")
        .where("key", "=", "admin")
        .executeTakeFirstOrThrow();
      return deps.users.create(SYSTEM, {
        email: input.email,
        name: input.name,
        locale: input.locale,
        password: input.password,
        teamId: null,
        roleIds: [adminRole.id],
        zoneIds: [],
      });
    },
  };
}
