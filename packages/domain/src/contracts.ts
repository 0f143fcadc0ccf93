/**
 * Contracts of the foundation API shared by server and web: users, roles, organisation,
 * sessions, tokens and audit entries, as zod schemas.
 */
import { z } from "zod";
import { LOCALES, TEAM_KINDS, ZONE_FUNCTIONS } from "./org.ts";
import { DATA_SCOPES, PERMISSIONS } from "./permissions.ts";

export const idParam = z.object({ id: z.string().min(1).max(64) });

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Enter a valid e-mail address, like name@company.com" }));

/** Minimum 10 characters; long passphrases welcome (OWASP ASVS 2.1). */
export const newPassword = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(256, "Use at most 256 characters");

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const userSummary = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: z.enum(LOCALES),
  active: z.boolean(),
  teamId: z.string().nullable(),
  roleIds: z.array(z.string()),
  zoneIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof user>;

export const userCreate = z.object({
  email,
  name: z.string().trim().min(1, "Name is required").max(100),
  locale: z.enum(LOCALES).default("zh-CN"),
  password: newPassword,
  teamId: z.string().nullable().default(null),
  roleIds: z.array(z.string()).max(20).default([]),
  zoneIds: z.array(z.string()).max(20).default([]),
});

export const userUpdate = z.object({
  version: z.number().int(),
  email: email.optional(),
  name: z.string().trim().min(1).max(100).optional(),
  locale: z.enum(LOCALES).optional(),
  active: z.boolean().optional(),
  teamId: z.string().nullable().optional(),
  roleIds: z.array(z.string()).max(20).optional(),
  zoneIds: z.array(z.string()).max(20).optional(),
});

export const role = z.object({
  id: z.string(),
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  dataScope: z.enum(DATA_SCOPES),
  permissions: z.array(z.enum(PERMISSIONS)),
  builtin: z.boolean(),
  userCount: z.number().int(),
  version: z.number().int(),
});
export type Role = z.infer<typeof role>;

export const roleInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "Use 2-40 lower-case letters, digits or _ (e.g. export_clerk)"),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  dataScope: z.enum(DATA_SCOPES),
  permissions: z.array(z.enum(PERMISSIONS)),
});

export const department = z.object({
  id: z.string(),
  name: z.string(),
  leadUserId: z.string().nullable(),
  version: z.number().int(),
});
export const team = z.object({
  id: z.string(),
  name: z.string(),
  departmentId: z.string(),
  kind: z.enum(TEAM_KINDS),
  leadUserId: z.string().nullable(),
  memberCount: z.number().int(),
  version: z.number().int(),
});
export const zone = z.object({
  id: z.string(),
  name: z.string(),
  function: z.enum(ZONE_FUNCTIONS),
  leadUserId: z.string().nullable(),
  memberIds: z.array(z.string()),
  version: z.number().int(),
});

export type Department = z.infer<typeof department>;
export type Team = z.infer<typeof team>;
export type Zone = z.infer<typeof zone>;

export const me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: z.enum(LOCALES),
  permissions: z.array(z.enum(PERMISSIONS)),
  dataScope: z.enum(DATA_SCOPES),
  roleKeys: z.array(z.string()),
  teamId: z.string().nullable(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;

export const session = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export type Session = z.infer<typeof session>;

export const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

export type ApiToken = z.infer<typeof apiToken>;

export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
