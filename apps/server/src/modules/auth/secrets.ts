/** Random secrets for session cookies, CSRF and API tokens; only their SHA-256 is stored. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** API tokens look like `tw_<prefix>_<secret>` so they can be recognised in logs and by scanners. */
export function newApiTokenSecret(): { secret: string; prefix: string } {
  const prefix = randomBytes(4).toString("hex");
  return { secret: `tw_${prefix}_${randomSecret(24)}`, prefix };
}
