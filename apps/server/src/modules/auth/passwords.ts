/** Password hashing with argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane) or above. */
import { hash, verify } from "@node-rs/argon2";

/** `algorithm: 2` is Algorithm.Argon2id; the package exports it as an ambient const enum we cannot import. */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A real hash of a random password, verified against when the e-mail is unknown, so that a
 * login for a missing account takes as long as one for an existing account.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}
