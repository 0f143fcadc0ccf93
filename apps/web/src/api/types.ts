/**
 * Shapes of the foundation API as the web app sees them, taken from the shared zod contracts in
 * @tradewind/domain so that server and screens cannot drift apart.
 */
import type {
  apiToken,
  auditEntry,
  department,
  Me,
  Role,
  session,
  team,
  User,
  zone,
} from "@tradewind/domain";

/** The output type of a zod schema (what `z.infer` gives), without a direct dependency on zod. */
type Output<Schema extends { _zod: { output: unknown } }> = Schema["_zod"]["output"];

export type { Me, Role, User };
export type Department = Output<typeof department>;
export type Team = Output<typeof team>;
export type Zone = Output<typeof zone>;
export type Session = Output<typeof session>;
export type ApiToken = Output<typeof apiToken>;
export type AuditEntry = Output<typeof auditEntry>;

export interface Items<T> {
  items: T[];
}

/** GET /api/setup: whether the first administrator still has to be created. */
export interface SetupState {
  needsAdmin: boolean;
  demoLogins: { email: string; name: string; role: string }[];
  demoPassword: string | null;
}

/** POST /api/auth/tokens: the secret is in this reply only. */
export interface CreatedToken {
  token: ApiToken;
  secret: string;
}
