import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, LOG_REDACT } from "./app.ts";
import { manualClock } from "./clock.ts";
import { createServices } from "./services.ts";
import {
  createTestContext,
  createTestDatabase,
  engine,
  TEST_PASSWORD,
  type TestContext,
} from "./test/harness.ts";
import { call, sessionCookieFrom } from "./test/http.ts";

const authSettings = { idleMinutes: 30, absoluteHours: 12, maxLoginFailures: 5, loginWindowMinutes: 15 };

describe(`the HTTP application (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("answers every failure in one error shape with a request id", async () => {
    const missing = await call(t.app, null, "GET", "/api/no-such-thing");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: "not_found", message: expect.any(String), requestId: expect.any(String) },
    });
    expect(missing.headers["x-request-id"]).toBe(missing.json().error.requestId);

    const invalid = await call(t.app, await t.as("admin"), "POST", "/api/users", { email: 42 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: "validation_failed", details: expect.any(Array) });

    const malformed = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("validation_failed");
  });

  it("sends security headers with a content security policy", async () => {
    const res = await call(t.app, null, "GET", "/api/health");
    const csp = res.headers["content-security-policy"] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("publishes OpenAPI 3.1 with every route and a browsable page", async () => {
    const spec = (await call(t.app, null, "GET", "/api/openapi.json")).json();
    expect(spec.openapi).toBe("3.1.0");
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/api/auth/login", "/api/users/{id}", "/api/audit-log", "/api/zones"]),
    );
    expect(spec.paths["/api/users"].post.requestBody).toBeDefined();
    const docs = await call(t.app, null, "GET", "/api/docs/");
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toContain("text/html");
  });

  it("answers 500 without a stack trace when the database fails", async () => {
    const broken = await createTestDatabase();
    const services = createServices({ database: broken.database, clock: manualClock(), auth: authSettings });
    const app = await buildApp({ services, sessionSecret: "s".repeat(40) });
    await broken.drop();
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "a@b.c", password: "x" },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe("internal");
    expect(res.body).not.toMatch(/at .*\.ts:\d+|node_modules|SqliteError|database/i);
    await app.close();
  });

  it("keeps passwords, cookies and tokens out of the log", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      services: t.services,
      sessionSecret: "test-secret-test-secret-test-secret-!!",
      logger: { level: "trace", stream, redact: { paths: LOG_REDACT, censor: "[redacted]" } },
    });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "sales1@demo.test", password: TEST_PASSWORD },
    });
    const cookie = sessionCookieFrom(login);
    await app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie, authorization: "Bearer tw_deadbeef_secret" },
    });
    await app.close();
    const log = lines.join("");
    expect(log).toContain("/api/auth/login");
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain(cookie.split("=")[1]!);
    expect(log).not.toContain("tw_deadbeef_secret");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe(`first start without demo data (${engine})`, () => {
  it("asks for the administrator account once, then logs it in", async () => {
    const { database, drop } = await createTestDatabase();
    const services = createServices({ database, clock: manualClock(), auth: authSettings });
    const app = await buildApp({ services, sessionSecret: "s".repeat(40) });
    try {
      expect((await call(app, null, "GET", "/api/setup")).json()).toEqual({
        needsAdmin: true,
        demoLogins: [],
        demoPassword: null,
      });
      const weak = await call(app, null, "POST", "/api/setup", {
        email: "boss@company.cn",
        name: "Boss",
        password: "short",
      });
      expect(weak.statusCode).toBe(400);
      const created = await call(app, null, "POST", "/api/setup", {
        email: "boss@company.cn",
        name: "老板",
        password: "a-strong-password",
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().roleKeys).toEqual(["admin"]);
      const me = await call(app, null, "GET", "/api/auth/me", undefined, {
        cookie: sessionCookieFrom(created),
      });
      expect(me.json().email).toBe("boss@company.cn");
      const again = await call(app, null, "POST", "/api/setup", {
        email: "other@company.cn",
        name: "X",
        password: "a-strong-password",
      });
      expect(again.statusCode).toBe(409);
      expect((await call(app, null, "GET", "/api/setup")).json().needsAdmin).toBe(false);
    } finally {
      await app.close();
      await drop();
    }
  });

  it("shows the demo logins on the login page while demo data is present", async () => {
    const t = await createTestContext();
    try {
      const status = (await call(t.app, null, "GET", "/api/setup")).json();
      expect(status.needsAdmin).toBe(false);
      expect(status.demoLogins.map((l: { email: string }) => l.email)).toEqual(
        expect.arrayContaining([
          "admin@demo.test",
          "gm@demo.test",
          "head@demo.test",
          "sales1@demo.test",
          "sales3@demo.test",
          "ar@demo.test",
        ]),
      );
      expect(status.demoLogins).toHaveLength(11);
    } finally {
      await t.close();
    }
  });
});
