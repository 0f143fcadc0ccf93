/** /api/setup: what the login page needs before anyone is logged in, and first-run admin creation. */
import { email, errorReply, LOCALES, me, newPassword } from "@tradewind/domain";
import { z } from "zod";
import { setSessionCookie } from "../../http/access.ts";
import type { App } from "../../http/types.ts";
import { toMe } from "../auth/auth.routes.ts";
import type { AuthService, AuthSettings } from "../auth/auth.service.ts";
import type { SetupService } from "./setup.service.ts";

export function registerSetupRoutes(
  app: App,
  deps: { setup: SetupService; auth: AuthService; settings: AuthSettings },
): void {
  app.get(
    "/api/setup",
    {
      config: { access: "public" },
      schema: {
        tags: ["setup"],
        summary:
          "Whether the first administrator must be created, and the demo logins if demo data is present",
        response: {
          200: z.object({
            needsAdmin: z.boolean(),
            demoLogins: z.array(
              z.object({ email: z.string(), name: z.string(), role: z.string(), roleKey: z.string() }),
            ),
            demoPassword: z.string().nullable(),
          }),
        },
      },
    },
    async () => deps.setup.status(),
  );

  app.post(
    "/api/setup",
    {
      config: { access: "public", rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags: ["setup"],
        summary: "Create the first administrator (only while there is no user) and log in",
        body: z.object({
          email,
          name: z.string().trim().min(1).max(100),
          password: newPassword,
          locale: z.enum(LOCALES).default("zh-CN"),
        }),
        response: { 201: me, 400: errorReply, 409: errorReply, 429: errorReply },
      },
    },
    async (request, reply) => {
      const admin = await deps.setup.createFirstAdmin(request.body);
      const { token } = await deps.auth.openSession(
        admin.id,
        request.ip,
        request.headers["user-agent"] ?? null,
      );
      const user = await deps.auth.resolveSession(token);
      if (!user) throw new Error("The new administrator's session could not be read back.");
      setSessionCookie(reply, token, request.protocol === "https", deps.settings.absoluteHours * 3600);
      return reply.status(201).send(toMe(user));
    },
  );
}
