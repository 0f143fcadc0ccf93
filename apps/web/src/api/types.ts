/**
 * Shapes of the foundation API as the web app sees them, taken from the shared zod contracts in
 * @tradewind/domain so that server and screens cannot drift apart.
 */
import type { ApiToken } from "@tradewind/domain";

export type {
  ApiToken,
  AuditEntry,
  Department,
  Me,
  Role,
  Session,
  Team,
  User,
  Zone,
} from "@tradewind/domain";

export interface Items<T> {
  items: T[];
}

/** GET /api/setup: whether the first administrator still has to be created. */
export interface SetupState {
  needsAdmin: boolean;
  demoLogins: { email: string; name: string; role: string; roleKey: string }[];
  demoPassword: string | null;
}

/** POST /api/auth/tokens: the secret is in this reply only. */
export interface CreatedToken {
  token: ApiToken;
  secret: string;
}
