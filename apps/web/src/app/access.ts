/**
 * What the logged-in user may open. The server enforces every permission on every call; the app
 * uses the same permission keys only to decide which menus, buttons and pages to show.
 */
import type { Permission } from "@tradewind/domain";
import type { Me } from "../api/types.ts";

/** Opens if the user holds any one of the listed permissions; an empty list means any user. */
export type Requirement = readonly Permission[];

export function allows(me: Pick<Me, "permissions"> | null | undefined, requirement: Requirement): boolean {
  if (!me) return false;
  if (requirement.length === 0) return true;
  return requirement.some((permission) => me.permissions.includes(permission));
}

export function holds(me: Pick<Me, "permissions"> | null | undefined, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}
