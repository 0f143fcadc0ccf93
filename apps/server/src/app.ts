/**
 * Builds the HTTP application from its services: plugins, security headers, access control,
 * every area's routes, OpenAPI, and the web app's built files. `buildApp` is what tests use,
 * through `app.inject()`; `main.ts` adds the database, jobs and the listening socket.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { registerAccessControl } from "./http/access.ts";
import { registerErrorHandling } from "./http/errors.ts";
import type { App } from "./http/types.ts";
import { newId } from "./ids.ts";
import { registerAuditRoutes } from "./modules/audit/audit.routes.ts";
import { registerAuthRoutes } from "./modules/auth/auth.routes.ts";
import { registerCustomerRoutes } from "./modules/customers/customers.routes.ts";
import { registerExportRoutes } from "./modules/exports/exports.routes.ts";
import { registerHealthRoutes } from "./modules/health/health.routes.ts";
import { registerImportRoutes } from "./modules/imports/imports.routes.ts";
import { registerNotificationRoutes } from "./modules/notifications/notifications.routes.ts";
import { registerOrgRoutes } from "./modules/org/org.routes.ts";
import { registerRoleRoutes } from "./modules/roles/roles.routes.ts";
import { registerSetupRoutes } from "./modules/setup/setup.routes.ts";
import { registerUserRoutes } from "./modules/users/users.routes.ts";
import type { Services } from "./services.ts";

export interface AppOptions {
  services: Services;
  sessionSecret: string;
  logger?: FastifyServerOptions["logger"];
  trustProxy?: boolean;
  loginRatePerMinute?: number;
  exportsPerHour?: number;
  /** Folder of the built web app; served with a fallback to index.html for client routes. */
  webRoot?: string;
  version?: string;
}

/** Never let a password, token or cookie reach the log. */
export const LOG_REDACT = [
  "req.headers.cookie",
  "req.headers.authorization",
  "req.headers['x-csrf-token']",
  "res.headers['set-cookie']",
  "*.password",
  "*.currentPassword",
  "*.newPassword",
  "*.secret",
  "*.token",
];

export async function buildApp(options: AppOptions): Promise<App> {
  const { services } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => newId(),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // During shutdown, answer requests in flight with "Connection: close", so that keep-alive
  // connections end with their last response and the server can finish closing.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (closing) reply.header("connection", "close");
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });

  await app.register(fastifyCookie, { secret: options.sessionSecret });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its component styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, {
    limits: { fileSize: services.importLimits.maxFileBytes, files: 1, fields: 10, parts: 12 },
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Tradewind API",
        description:
          "Customer and order management for export trading companies. Authenticate with the session cookie " +
          "(and the x-csrf-token header on writes) or with `Authorization: Bearer <API token>`.",
        version: options.version ?? "0.1.0",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "tw_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  registerAccessControl(app, services.auth);

  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  registerHealthRoutes(app, { database: services.database });
  registerSetupRoutes(app, { setup: services.setup, auth: services.auth, settings: services.authSettings });
  registerAuthRoutes(app, {
    auth: services.auth,
    users: services.users,
    settings: services.authSettings,
    loginRatePerMinute: options.loginRatePerMinute ?? 30,
  });
  registerUserRoutes(app, { users: services.users });
  registerRoleRoutes(app, { roles: services.roles });
  registerOrgRoutes(app, { org: services.org });
  registerAuditRoutes(app, { db: services.database.db, audit: services.audit });
  registerNotificationRoutes(app, { notifications: services.notifications });
  registerCustomerRoutes(app, services);
  registerImportRoutes(app, { imports: services.imports, maxFileBytes: services.importLimits.maxFileBytes });
  registerExportRoutes(app, { exports: services.exports, perHour: options.exportsPerHour ?? 30 });

  const webRoot = options.webRoot;
  const serveWeb = webRoot !== undefined && existsSync(join(webRoot, "index.html"));
  if (serveWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, maxAge: "1h" });
  app.setNotFoundHandler((request, reply) => {
    if (serveWeb && request.method === "GET" && !request.url.startsWith("/api/")) {
      // Client-side routes: the single page app decides what to show.
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    return reply.status(404).send({
      error: {
        code: "not_found",
        message: `No route ${request.method} ${request.url.split("?")[0]}.`,
        requestId: request.id,
      },
    });
  });

  await app.ready();
  return app;
}
