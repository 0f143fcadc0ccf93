/** /api/auth: login, logout, the current user, password, sessions and API tokens. */
import { apiToken, errorReply, LOCALES, me, newPassword, session } from "@tradewind/domain";
import { z } from "zod";
import type { AuthUser } from "../../access/identity.ts";
import { clearSessionCookie, contextOf, setSessionCookie } from "../../http/access.ts";
import type { App } from "../../http/types.ts";
import type { UsersService } from "../users/users.service.ts";
import type { AuthService, AuthSettings } from "./auth.service.ts";

export function toMe(user: AuthUser) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    permissions: [...user.permissions].sort(),
    dataScope: user.dataScope,
    roleKeys: user.roleKeys,
    teamId: user.teamId,
    csrfToken: user.csrfToken ?? "",
  };
}

const errors = { 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 429: errorReply };

export function registerAuthRoutes(
  app: App,
  deps: { auth: AuthService; users: UsersService; settings: AuthSettings; loginRatePerMinute: number },
): void {
  const { auth } = deps;

  app.post(
    "/api/auth/login",
    {
      config: { access: "public", rateLimit: { max: deps.loginRatePerMinute, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Log in with e-mail and password; sets the session cookie",
        body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) }),
        response: { 200: me, ...errors },
      },
    },
    async (request, reply) => {
      const { token } = await auth.login({
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
      const user = await auth.resolveSession(token);
      if (!user) throw new Error("A session just opened could not be read back.");
      setSessionCookie(reply, token, request.protocol === "https", deps.settings.absoluteHours * 3600);
      request.log.info({ userId: user.id }, "login");
      return toMe(user);
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: { access: "user" },
      schema: { tags: ["auth"], summary: "End the current session", response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const { user } = contextOf(request);
      if (user.sessionId) await auth.logout(user.sessionId);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/auth/session",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Who is logged in, if anyone: the page's first question, answered without a 401",
        response: { 200: z.object({ me: me.nullable() }) },
      },
    },
    async (request) => ({ me: request.user ? toMe(request.user) : null }),
  );

  app.get(
    "/api/auth/me",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "The logged-in user, its permissions and CSRF token",
        response: { 200: me, ...errors },
      },
    },
    async (request) => toMe(contextOf(request).user),
  );

  app.patch(
    "/api/auth/me",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "Change one's own name or language",
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          locale: z.enum(LOCALES).optional(),
        }),
        response: { 200: me, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await deps.users.updateOwnProfile(ctx, request.body);
      const { user } = ctx;
      return toMe({
        ...user,
        name: request.body.name ?? user.name,
        locale: request.body.locale ?? user.locale,
      });
    },
  );

  app.post(
    "/api/auth/password",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "Change one's own password; ends one's other sessions",
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.changePassword(contextOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/auth/sessions",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "One's own open sessions",
        response: { 200: z.object({ items: z.array(session), nextCursor: z.null() }), ...errors },
      },
    },
    async (request) => ({ items: await auth.listSessions(contextOf(request)), nextCursor: null }),
  );

  app.delete(
    "/api/auth/sessions/:id",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "End one of one's own sessions",
        params: z.object({ id: z.string().min(1).max(128) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.endSession(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/auth/tokens",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "One's own API tokens (never their secrets)",
        response: { 200: z.object({ items: z.array(apiToken), nextCursor: z.null() }), ...errors },
      },
    },
    async (request) => ({ items: await auth.listApiTokens(contextOf(request)), nextCursor: null }),
  );

  app.post(
    "/api/auth/tokens",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "Create an API token; its secret is in this reply only",
        body: z.object({
          name: z.string().trim().min(1, "Give the token a name, e.g. the integration using it").max(100),
          expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
        }),
        response: { 201: z.object({ token: apiToken, secret: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const created = await auth.createApiToken(
        contextOf(request),
        request.body.name,
        request.body.expiresInDays,
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    "/api/auth/tokens/:id",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "Revoke one of one's own API tokens",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.revokeApiToken(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
