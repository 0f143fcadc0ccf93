/**
 * The entities and actions the audit log records today, for the filter pickers and labels.
 * Unknown ones (from newer modules) still show, by their raw key.
 */
export const AUDIT_ENTITIES = ["user", "role", "department", "team", "zone", "api_token"] as const;

export const AUDIT_ACTIONS = [
  "user.created",
  "user.updated",
  "user.deactivated",
  "user.password_reset",
  "user.password_changed",
  "user.profile_updated",
  "role.created",
  "role.updated",
  "role.deleted",
  "department.created",
  "department.updated",
  "department.deleted",
  "team.created",
  "team.updated",
  "team.deleted",
  "zone.created",
  "zone.updated",
  "zone.deleted",
  "api_token.created",
  "api_token.revoked",
] as const;

/** Fields whose names have a label; others show as recorded. */
export const AUDIT_FIELDS = [
  "name",
  "email",
  "locale",
  "active",
  "teamId",
  "roleIds",
  "zoneIds",
  "key",
  "nameZh",
  "nameEn",
  "dataScope",
  "permissions",
  "leadUserId",
  "departmentId",
  "kind",
  "function",
  "memberIds",
  "expiresAt",
  "prefix",
  "userId",
  "createdAt",
  "builtin",
  "password",
  "revoked",
] as const;

/** The placeholders the server records instead of a password (never the password itself). */
export const PASSWORD_PLACEHOLDERS: Record<string, string> = {
  set: "auditValue.passwordSet",
  changed: "auditValue.passwordChanged",
  reset_by_admin: "auditValue.passwordReset",
};
