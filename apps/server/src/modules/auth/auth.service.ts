/**
 * Authentication use cases: login with throttling, database sessions with idle and absolute
 * timeouts, password changes, and API tokens for integrations.
 */
import type { Kysely } from "kysely";
import type { AuthUser, RequestContext } from "../../access/identity.ts";
import { type Clock, isoNow } from "../../clock.ts";
import type { DB } from "../../db/schema.ts";
import { badRequest, notFound, tooManyRequests, unauthenticated } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { AuditLog } from "../audit/audit.service.ts";
import * as repo from "./auth.repository.ts";
import type { IdentityService } from "./identity.service.ts";
import { decoyHash, hashPassword, verifyPassword } from "./passwords.ts";
import { newApiTokenSecret, randomSecret, sha256 } from "./secrets.ts";

export interface AuthSettings {
  idleMinutes: number;
  absoluteHours: number;
  maxLoginFailures: number;
  loginWindowMinutes: number;
}

export interface AuthServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditLog;
  identity: IdentityService;
  settings: AuthSettings;
}

const MINUTE = 60_000;
/** Write last-seen at most this often, so that every request is not also a write. */
const TOUCH_EVERY_MS = MINUTE;

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, settings } = deps;
  const idleMs = settings.idleMinutes * MINUTE;

  async function throttle(email: string): Promise<void> {
    const now = clock.now().getTime();
    const windowMs = settings.loginWindowMinutes * MINUTE;
    const failures = await repo.recentLoginFailures(db, email, new Date(now - windowMs).toISOString());
    if (failures.length >= settings.maxLoginFailures) {
      const oldest = new Date(failures[0]!.at).getTime();
      const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
      throw tooManyRequests(
        `Too many failed logins. Try again in ${Math.ceil(retryAfter / 60)} minute(s), or ask an administrator to reset your password.`,
        retryAfter,
      );
    }
  }

  async function openSession(userId: string, ip: string | null, userAgent: string | null) {
    const token = randomSecret(32);
    const now = clock.now();
    const session = {
      id: sha256(token),
      userId,
      csrfToken: randomSecret(24),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + settings.absoluteHours * 60 * MINUTE).toISOString(),
      ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    };
    await repo.insertSession(db, session);
    return { token, session };
  }

  return {
    async login(input: { email: string; password: string; ip: string; userAgent: string | null }) {
      const email = input.email.trim().toLowerCase();
      await throttle(email);
      const user = await repo.findUserByEmail(db, email);
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
      if (!user || !valid || user.active !== 1) {
        await repo.insertLoginFailure(db, { id: newId(), email, ip: input.ip, at: isoNow(clock) });
        // One message whether or not the e-mail exists, so it cannot be used to find accounts.
        throw unauthenticated("E-mail or password is incorrect.");
      }
      await repo.clearLoginFailures(db, email);
      return openSession(user.id, input.ip, input.userAgent);
    },

    /** Opens a session without a password: for tests and the first-run admin. */
    openSession,

    async resolveSession(token: string): Promise<AuthUser | null> {
      const id = sha256(token);
      const row = await repo.findSessionWithUser(db, id);
      if (!row) return null;
      const now = clock.now();
      const idle = now.getTime() - new Date(row.lastSeenAt).getTime() > idleMs;
      if (row.active !== 1 || idle || new Date(row.expiresAt) <= now) {
        await repo.deleteSession(db, id);
        return null;
      }
      if (now.getTime() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
        await repo.touchSession(db, id, now.toISOString());
      }
      const core = await deps.identity.forUser(row);
      return { ...core, via: "session", sessionId: id, csrfToken: row.csrfToken };
    },

    async resolveApiToken(secret: string): Promise<AuthUser | null> {
      if (!secret.startsWith("tw_")) return null;
      const row = await repo.findApiTokenWithUser(db, sha256(secret));
      if (!row || row.revokedAt || row.active !== 1) return null;
      const now = clock.now();
      if (row.expiresAt && new Date(row.expiresAt) <= now) return null;
      if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > TOUCH_EVERY_MS) {
        await repo.touchApiToken(db, row.tokenId, now.toISOString());
      }
      const core = await deps.identity.forUser(row);
      return { ...core, via: "token", sessionId: null, csrfToken: null };
    },

    async logout(sessionId: string): Promise<void> {
      await repo.deleteSession(db, sessionId);
    },

    async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
      const user = await repo.findUserById(db, ctx.user.id);
      if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
        throw badRequest("Your current password is not correct.", [
          { path: "currentPassword", message: "Not correct" },
        ]);
      }
      if (currentPassword === newPassword) {
        throw badRequest("Choose a password different from the current one.", [
          { path: "newPassword", message: "Same as current" },
        ]);
      }
      const passwordHash = await hashPassword(newPassword);
      await db.transaction().execute(async (trx) => {
        await repo.setPasswordHash(trx, user.id, passwordHash, isoNow(clock));
        // A changed password ends every other session: whoever knew the old one is logged out.
        await repo.deleteUserSessions(trx, user.id, ctx.user.sessionId ?? undefined);
        await deps.audit.record(trx, ctx, {
          action: "user.password_changed",
          entity: "user",
          entityId: user.id,
          changes: { password: { before: "set", after: "changed" } },
        });
      });
    },

    async listSessions(ctx: RequestContext) {
      const rows = await repo.listUserSessions(db, ctx.user.id);
      return rows.map((s) => ({
        id: s.id,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        ip: s.ip,
        userAgent: s.userAgent,
        current: s.id === ctx.user.sessionId,
      }));
    },

    /** Ends one of the caller's own sessions; another user's session is "not found". */
    async endSession(ctx: RequestContext, sessionId: string): Promise<void> {
      const result = await db
        .deleteFrom("sessions")
        .where("id", "=", sessionId)
        .where("userId", "=", ctx.user.id)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw notFound("Session");
    },

    async createApiToken(ctx: RequestContext, name: string, expiresInDays: number | null) {
      const { secret, prefix } = newApiTokenSecret();
      const now = clock.now();
      const token = {
        id: newId(),
        userId: ctx.user.id,
        name,
        tokenHash: sha256(secret),
        prefix,
        createdAt: now.toISOString(),
        lastUsedAt: null,
        expiresAt: expiresInDays
          ? new Date(now.getTime() + expiresInDays * 24 * 60 * MINUTE).toISOString()
          : null,
        revokedAt: null,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertApiToken(trx, token);
        await deps.audit.record(trx, ctx, {
          action: "api_token.created",
          entity: "api_token",
          entityId: token.id,
          after: { name, prefix, userId: ctx.user.id, expiresAt: token.expiresAt },
        });
      });
      const { tokenHash: _hash, userId: _user, revokedAt: _revoked, ...shown } = token;
      return { token: shown, secret };
    },

    listApiTokens(ctx: RequestContext) {
      return repo.listUserApiTokens(db, ctx.user.id);
    },

    async revokeApiToken(ctx: RequestContext, tokenId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const result = await repo.revokeApiToken(trx, ctx.user.id, tokenId, isoNow(clock));
        if (Number(result.numUpdatedRows) === 0) throw notFound("API token");
        await deps.audit.record(trx, ctx, {
          action: "api_token.revoked",
          entity: "api_token",
          entityId: tokenId,
          changes: { revoked: { before: false, after: true } },
        });
      });
    },

    /** Housekeeping for the session-cleanup job. */
    async deleteExpired(): Promise<{ sessions: number; loginFailures: number }> {
      const now = clock.now();
      const sessions = await repo.deleteExpiredSessions(
        db,
        now.toISOString(),
        new Date(now.getTime() - idleMs).toISOString(),
      );
      const failures = await repo.deleteOldLoginFailures(
        db,
        new Date(now.getTime() - settings.loginWindowMinutes * MINUTE).toISOString(),
      );
      return { sessions: Number(sessions.numDeletedRows), loginFailures: Number(failures.numDeletedRows) };
    },
  };
}
