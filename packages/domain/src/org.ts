/**
 * The organisation of a foreign-trade department (R-ORG-1, R-ORG-2): departments with a head,
 * teams by kind, and functional zones (分区), each with one lead.
 */
import { z } from "zod";

export const TEAM_KINDS = ["sales", "purchasing", "after_sales", "finance", "logistics", "other"] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** The five functional zones of R-ORG-2, in the order work passes through them (R-ORG-6). */
export const ZONE_FUNCTIONS = [
  "market_development",
  "order_confirmation",
  "production_follow_up",
  "logistics",
  "after_sales",
] as const;
export type ZoneFunction = (typeof ZONE_FUNCTIONS)[number];

export const LOCALES = ["zh-CN", "en-US"] as const;
export type Locale = (typeof LOCALES)[number];

const id = z.string().min(1);
const name = z.string().trim().min(1, "Name is required").max(200);

export const departmentInput = z.object({
  name,
  leadUserId: id.nullable().default(null),
});
export type DepartmentInput = z.infer<typeof departmentInput>;

export const teamInput = z.object({
  name,
  departmentId: id,
  kind: z.enum(TEAM_KINDS),
  leadUserId: id.nullable().default(null),
});
export type TeamInput = z.infer<typeof teamInput>;

export const zoneInput = z.object({
  name,
  function: z.enum(ZONE_FUNCTIONS),
  leadUserId: id.nullable().default(null),
  memberIds: z.array(id).max(500).default([]),
});
export type ZoneInput = z.infer<typeof zoneInput>;
