/**
 * Authentication and authorisation for every API route (R-ORG-4).
 *
 * Each route declares its access in `config.access`: "public", "user" (any logged-in user) or a
 * permission. A route under /api without a declaration refuses to register, so no route can be
 * forgotten. The guard resolves the caller from the session cookie or a Bearer token, answers
 * 401 or 403, and checks CSRF for cookie-authenticated writes. The route table it collects
 * drives the permission matrix test.
 */
import type { Permission } from "@tradewind/domain";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AuthUser, RequestContext } from "../access/identity.ts";
import type { AuthService } from "../modules/auth/auth.service.ts";
import { safeEqual } from "../modules/auth/secrets.ts";
import { AppError, forbidden, unauthenticated } from "./errors.ts";

export type RouteAccess = "public" | "user" | Permission;

export interface RouteTableEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    user: AuthUser | null;
  }
  interface FastifyInstance {
    routeTable: RouteTableEntry[];
  }
}

export const SESSION_COOKIE = "tw_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Routes added by plugins (the OpenAPI viewer) that are public documentation. */
const DOC_PREFIX = "/api/docs";

export function registerAccessControl(app: FastifyInstance, auth: AuthService): void {
  app.decorate("routeTable", [] as RouteTableEntry[]);
  app.decorateRequest("user", null);

  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith(DOC_PREFIX)) {
      route.config = { ...(route.config ?? {}), access: "public" };
      return;
    }
    const access = route.config?.access;
    if (!access)
      throw new Error(`Route ${methods.join(",")} ${route.url} declares no access (config.access).`);
    for (const method of methods) {
      if (method !== "HEAD") app.routeTable.push({ method, url: route.url, access });
    }
  });

  // Authentication and authorisation run first, before the body is parsed or validated, so an
  // anonymous or unauthorised caller learns nothing from validation errors.
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/")) return;
    request.user = await identify(request, reply);
    const access = request.routeOptions.config?.access;
    if (!access) return;
    checkOrigin(request);
    if (access === "public") return;
    const user = request.user;
    if (!user) throw unauthenticated();
    if (user.via === "session" && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !user.csrfToken || !safeEqual(sent, user.csrfToken)) {
        throw new AppError(403, "csrf_failed", "Your page is out of date. Reload it and try again.");
      }
    }
    if (access !== "user" && !user.permissions.has(access)) throw forbidden();
  });

  async function identify(request: FastifyRequest, reply: FastifyReply): Promise<AuthUser | null> {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith("Bearer ")) return auth.resolveApiToken(authorization.slice(7).trim());
    const signed = request.cookies[SESSION_COOKIE];
    if (!signed) return null;
    const unsigned = request.unsignCookie(signed);
    const user = unsigned.valid && unsigned.value ? await auth.resolveSession(unsigned.value) : null;
    if (!user) clearSessionCookie(reply);
    return user;
  }
}

/**
 * A state-changing request that says where it comes from must come from this site: a second
 * line of defence beside the CSRF token, and the only one for login.
 */
function checkOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (!origin) return;
  let allowed = false;
  try {
    // Compare as URLs, so that an explicit default port (":80", ":443") matches an implicit one.
    allowed = new URL(origin).host === new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    allowed = false;
  }
  if (!allowed) throw new AppError(403, "csrf_failed", "Request origin not allowed.");
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  secure: boolean,
  maxAgeSeconds: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    signed: true,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}

/** The caller of a route that requires login; the guard has already answered 401 otherwise. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.user) throw unauthenticated();
  return { user: request.user, requestId: request.id };
}
