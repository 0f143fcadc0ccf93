/**
 * "My day" (R-PLAN-5) for a rep: follow-ups due today or overdue, urgent customers, and key
 * accounts nobody has touched for 30 days. Only customers the rep owns or is the dedicated owner of.
 */
import { addDays, todayIn } from "@tradewind/domain";
import { type Kysely, sql } from "kysely";
import type { AuthUser } from "../../access/identity.ts";
import type { Clock } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { committed } from "./customers.repository.ts";

export type MyDayService = ReturnType<typeof createMyDayService>;

export function createMyDayService(deps: { db: Kysely<DB>; clock: Clock; companyTimeZone: string }) {
  const { db } = deps;
  const columns = [
    "id",
    "companyName",
    "localName",
    "country",
    "grade",
    "urgency",
    "nextActionDate",
    "nextAction",
    "lastFollowUpAt",
    "keyAccount",
  ] as const;

  return {
    async forUser(user: AuthUser, limit = 50) {
      const today = todayIn(deps.companyTimeZone, deps.clock.now());
      const mine = sql<boolean>`(customers.owner_id = ${user.id} or customers.key_account_owner_id = ${user.id}) and ${committed}`;
      const [due, urgent, untouched] = await Promise.all([
        db
          .selectFrom("customers")
          .select(columns)
          .where(mine)
          .where("nextActionDate", "<=", today)
          .orderBy("nextActionDate")
          .orderBy("id")
          .limit(limit)
          .execute(),
        db
          .selectFrom("customers")
          .select(columns)
          .where(mine)
          .where("urgency", "=", "urgent")
          .where("nextActionDate", ">", today)
          .orderBy("nextActionDate")
          .orderBy("id")
          .limit(limit)
          .execute(),
        db
          .selectFrom("customers")
          .select(columns)
          .where(mine)
          .where("keyAccount", "=", 1)
          .where((eb) =>
            eb.or([eb("lastFollowUpAt", "is", null), eb("lastFollowUpAt", "<", addDays(today, -30))]),
          )
          .orderBy("lastFollowUpAt")
          .orderBy("id")
          .limit(limit)
          .execute(),
      ]);
      const shape = (rows: typeof due) =>
        rows.map((r) => ({
          ...r,
          keyAccount: r.keyAccount === 1,
          overdue: r.nextActionDate !== null && r.nextActionDate < today,
        }));
      return { today, due: shape(due), urgent: shape(urgent), untouchedKeyAccounts: shape(untouched) };
    },
  };
}
