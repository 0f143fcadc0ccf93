/**
 * Names of roles and people as the current language shows them. Roles carry both a Chinese and
 * an English name; built-in role keys also have names in the domain package.
 */
import { BUILTIN_ROLES, type Locale } from "@tradewind/domain";
import type { Role } from "../api/types.ts";

export function roleName(role: Pick<Role, "nameZh" | "nameEn">, locale: Locale): string {
  return locale === "en-US" ? role.nameEn || role.nameZh : role.nameZh || role.nameEn;
}

/** The name of a role known only by its key (as in Me.roleKeys). */
export function roleNameByKey(key: string, locale: Locale, roles: readonly Role[] = []): string {
  const role = roles.find((candidate) => candidate.key === key) ?? BUILTIN_ROLES.find((r) => r.key === key);
  return role ? roleName(role, locale) : key;
}
