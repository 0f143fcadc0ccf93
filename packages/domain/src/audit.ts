/**
 * What an audit entry records about a change (R-ORG-5): only the fields that changed, each with
 * its value before and after. Kept pure so both the server and tests can rely on it.
 */

export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export interface FieldChange {
  before: AuditValue;
  after: AuditValue;
}

export type AuditChanges = Record<string, FieldChange>;

/** Fields that never belong in an audit entry (secrets, or noise every update touches). */
const NEVER_AUDITED = new Set([
  "passwordHash",
  "password_hash",
  "tokenHash",
  "token_hash",
  "updatedAt",
  "updated_at",
  "version",
]);

function canonical(value: unknown): AuditValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object") {
    const out: Record<string, AuditValue> = {};
    for (const key of Object.keys(value as object).sort()) {
      out[key] = canonical((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

function same(a: AuditValue, b: AuditValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The changed fields between two versions of a record. `before` is null for a creation and
 * `after` is null for a deletion; then every (non-secret) field is listed.
 */
export function diffChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChanges = {};
  for (const key of [...keys].sort()) {
    if (NEVER_AUDITED.has(key)) continue;
    const was = canonical(before?.[key]);
    const now = canonical(after?.[key]);
    if (!same(was, now)) changes[key] = { before: was, after: now };
  }
  return changes;
}
