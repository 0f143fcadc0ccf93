/**
 * Who is asking: the user behind a session cookie or an API token, with what it may do
 * (permissions) and which records it may see (data scope and the org units that scope covers).
 */
import type { DataScope, Locale, Permission } from "@tradewind/domain";

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  teamId: string | null;
  roleKeys: string[];
  permissions: ReadonlySet<Permission>;
  dataScope: DataScope;
  /** Teams whose members' records a "team" scope covers: the user's own team and teams it leads. */
  teamIds: string[];
  /** Zones the user leads: their members' records are within a "team" scope too (R-ORG-2). */
  ledZoneIds: string[];
  /** Departments a "department" scope covers: its team's department and departments it leads. */
  departmentIds: string[];
  via: "session" | "token";
  sessionId: string | null;
  csrfToken: string | null;
}

/** What decides which records a user sees: itself, its scope, and the org units the scope covers. */
export type ScopeSubject = Pick<AuthUser, "id" | "dataScope" | "teamIds" | "ledZoneIds" | "departmentIds">;

/** What a service needs to know about the caller of one request: the user and the request id for the audit log. */
export interface RequestContext {
  user: AuthUser;
  requestId: string;
}

/** A context for work that no user started (jobs, demo seeding); audit entries get no actor. */
export interface SystemContext {
  user: null;
  requestId: string | null;
}

export type ActorContext = RequestContext | SystemContext;
