import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, engine, TEST_PASSWORD, type TestContext } from "../../test/harness.ts";
import { call, sessionCookieFrom } from "../../test/http.ts";
import { sha256 } from "./secrets.ts";

const MINUTE = 60_000;

describe(`authentication and sessions (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  async function login(email: string, password = TEST_PASSWORD) {
    return call(t.app, null, "POST", "/api/auth/login", { email, password });
  }

  async function sessionHeaders(email: string) {
    const res = await login(email);
    expect(res.statusCode).toBe(200);
    return { cookie: sessionCookieFrom(res), "x-csrf-token": res.json().csrfToken as string };
  }

  it("logs in with a new session in an HttpOnly, SameSite=Lax cookie and answers /me", async () => {
    const res = await login("SALES1@demo.test");
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "tw_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.secure).toBeFalsy();
    expect(res.json()).toMatchObject({ email: "sales1@demo.test", roleKeys: ["sales_rep", "zone_lead"] });

    const second = await login("sales1@demo.test");
    expect(sessionCookieFrom(second)).not.toBe(sessionCookieFrom(res));

    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: sessionCookieFrom(res) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().permissions).toContain("customers.read");
  });

  it("stores only a hash of the session secret", async () => {
    const res = await login("sales2@demo.test");
    const signed = res.cookies.find((c) => c.name === "tw_session")!.value;
    const token = t.app.unsignCookie(decodeURIComponent(signed)).value!;
    const stored = await t.database.db
      .selectFrom("sessions")
      .select("id")
      .where("id", "=", sha256(token))
      .executeTakeFirst();
    expect(stored).toBeDefined();
    const plain = await t.database.db
      .selectFrom("sessions")
      .select("id")
      .where("id", "=", token)
      .executeTakeFirst();
    expect(plain).toBeUndefined();
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    const wrong = await login("sales3@demo.test", "not-the-password");
    const unknown = await login("nobody@demo.test", "not-the-password");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.json().error.code).toBe("unauthenticated");
  });

  it("throttles failed logins per account with 429 and Retry-After, without revealing the account exists", async () => {
    for (let i = 0; i < 5; i++)
      expect((await login("buyer@demo.test", "wrong-password")).statusCode).toBe(401);
    const blocked = await login("buyer@demo.test", TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);

    for (let i = 0; i < 5; i++) await login("ghost@demo.test", "wrong-password");
    const ghost = await login("ghost@demo.test", "wrong-password");
    expect(ghost.statusCode).toBe(429);
    expect(ghost.json().error.message).toBe(blocked.json().error.message);

    t.clock.advance(16 * MINUTE);
    expect((await login("buyer@demo.test")).statusCode).toBe(200);
  });

  it("throttles login attempts per IP address", async () => {
    const strict = await createTestContext({ loginRatePerMinute: 3 });
    try {
      const attempts = [];
      for (let i = 0; i < 4; i++) {
        attempts.push(
          await call(strict.app, null, "POST", "/api/auth/login", {
            email: `x${i}@demo.test`,
            password: "x",
          }),
        );
      }
      expect(attempts.slice(0, 3).map((r) => r.statusCode)).toEqual([401, 401, 401]);
      expect(attempts[3]!.statusCode).toBe(429);
      expect(attempts[3]!.headers["retry-after"]).toBeDefined();
      expect(attempts[3]!.json().error.code).toBe("too_many_requests");
    } finally {
      await strict.close();
    }
  });

  it("logout ends the session on the server, so the old cookie no longer works", async () => {
    const headers = await sessionHeaders("merch@demo.test");
    expect((await call(t.app, null, "POST", "/api/auth/logout", undefined, headers)).statusCode).toBe(204);
    const after = await call(t.app, null, "GET", "/api/auth/me", undefined, headers);
    expect(after.statusCode).toBe(401);
  });

  it("ends a session idle for longer than 30 minutes", async () => {
    const headers = await sessionHeaders("service@demo.test");
    t.clock.advance(29 * MINUTE);
    expect((await call(t.app, null, "GET", "/api/auth/me", undefined, headers)).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    expect((await call(t.app, null, "GET", "/api/auth/me", undefined, headers)).statusCode).toBe(401);
  });

  it("ends a session 12 hours after login however active it is", async () => {
    const headers = await sessionHeaders("logistics@demo.test");
    for (let hour = 0; hour < 12 * 3 - 1; hour++) {
      t.clock.advance(20 * MINUTE);
      expect((await call(t.app, null, "GET", "/api/auth/me", undefined, headers)).statusCode).toBe(200);
    }
    t.clock.advance(21 * MINUTE);
    expect((await call(t.app, null, "GET", "/api/auth/me", undefined, headers)).statusCode).toBe(401);
  });

  it("refuses a cookie-authenticated write without the CSRF token or from another origin", async () => {
    const headers = await sessionHeaders("ar@demo.test");
    const body = { name: "token" };
    const noToken = await call(t.app, null, "POST", "/api/auth/tokens", body, { cookie: headers.cookie });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("csrf_failed");
    const wrongToken = await call(t.app, null, "POST", "/api/auth/tokens", body, {
      ...headers,
      "x-csrf-token": "nope",
    });
    expect(wrongToken.statusCode).toBe(403);
    const otherOrigin = await call(t.app, null, "POST", "/api/auth/tokens", body, {
      ...headers,
      origin: "https://evil.example",
    });
    expect(otherOrigin.statusCode).toBe(403);
    const ok = await call(t.app, null, "POST", "/api/auth/tokens", body, {
      ...headers,
      origin: "http://localhost:80",
    });
    expect(ok.statusCode).toBe(201);
  });

  it("changing one's password ends one's other sessions but keeps the current one", async () => {
    const first = await sessionHeaders("gm@demo.test");
    const second = await sessionHeaders("gm@demo.test");
    const wrongCurrent = await call(
      t.app,
      null,
      "POST",
      "/api/auth/password",
      { currentPassword: "wrong", newPassword: "a-new-password-1" },
      second,
    );
    expect(wrongCurrent.statusCode).toBe(400);
    const changed = await call(
      t.app,
      null,
      "POST",
      "/api/auth/password",
      { currentPassword: TEST_PASSWORD, newPassword: "a-new-password-1" },
      second,
    );
    expect(changed.statusCode).toBe(204);
    expect((await call(t.app, null, "GET", "/api/auth/me", undefined, first)).statusCode).toBe(401);
    expect((await call(t.app, null, "GET", "/api/auth/me", undefined, second)).statusCode).toBe(200);
    expect((await login("gm@demo.test", TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login("gm@demo.test", "a-new-password-1")).statusCode).toBe(200);
    const audit = await t.database.db
      .selectFrom("auditLog")
      .selectAll()
      .where("action", "=", "user.password_changed")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).not.toContain("a-new-password-1");
  });

  it("lists one's own sessions and ends one of them; another user's session is not found", async () => {
    const mine = await sessionHeaders("head@demo.test");
    const other = await sessionHeaders("head@demo.test");
    const list = await call(t.app, null, "GET", "/api/auth/sessions", undefined, mine);
    const sessions = list.json().items as { id: string; current: boolean }[];
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const otherSession = sessions.find((s) => !s.current)!;
    expect(
      (await call(t.app, null, "DELETE", `/api/auth/sessions/${otherSession.id}`, undefined, mine))
        .statusCode,
    ).toBe(204);
    expect((await call(t.app, null, "GET", "/api/auth/me", undefined, other)).statusCode).toBe(401);

    const stranger = await t.as("sales3");
    const myCurrent = sessions.find((s) => s.current)!;
    expect((await call(t.app, stranger, "DELETE", `/api/auth/sessions/${myCurrent.id}`)).statusCode).toBe(
      404,
    );
    expect((await call(t.app, null, "GET", "/api/auth/me", undefined, mine)).statusCode).toBe(200);
  });

  it("API tokens: shown once, stored hashed, work as Bearer without CSRF, and stop when revoked", async () => {
    const owner = await t.as("sales2");
    const created = await call(t.app, owner, "POST", "/api/auth/tokens", {
      name: "ERP sync",
      expiresInDays: 30,
    });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json() as { secret: string; token: { id: string; prefix: string } };
    expect(secret).toMatch(/^tw_[0-9a-f]{8}_/);
    expect(secret.startsWith(`tw_${token.prefix}_`)).toBe(true);

    const listed = await call(t.app, owner, "GET", "/api/auth/tokens");
    expect(listed.body).not.toContain(secret);
    const stored = await t.database.db
      .selectFrom("apiTokens")
      .selectAll()
      .where("id", "=", token.id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).toBe(sha256(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    const me = await call(t.app, null, "GET", "/api/auth/me", undefined, bearer);
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe("sales2@demo.test");
    const write = await call(t.app, null, "POST", "/api/auth/tokens", { name: "second" }, bearer);
    expect(write.statusCode).toBe(201);

    expect((await call(t.app, owner, "DELETE", `/api/auth/tokens/${token.id}`)).statusCode).toBe(204);
    expect((await call(t.app, null, "GET", "/api/auth/me", undefined, bearer)).statusCode).toBe(401);
    expect(
      (
        await call(t.app, null, "GET", "/api/auth/me", undefined, {
          authorization: "Bearer tw_00000000_forged",
        })
      ).statusCode,
    ).toBe(401);
  });

  it("an expired API token is refused", async () => {
    const owner = await t.as("sales3");
    const { secret } = (
      await call(t.app, owner, "POST", "/api/auth/tokens", { name: "short", expiresInDays: 1 })
    ).json();
    expect(
      (await call(t.app, null, "GET", "/api/auth/me", undefined, { authorization: `Bearer ${secret}` }))
        .statusCode,
    ).toBe(200);
    t.clock.advance(25 * 60 * MINUTE);
    expect(
      (await call(t.app, null, "GET", "/api/auth/me", undefined, { authorization: `Bearer ${secret}` }))
        .statusCode,
    ).toBe(401);
  });

  it("the cleanup job deletes expired sessions and old login failures", async () => {
    await sessionHeaders("sales1@demo.test");
    await login("sales1@demo.test", "wrong-password");
    t.clock.advance(13 * 60 * MINUTE);
    const removed = await t.services.auth.deleteExpired();
    expect(removed.sessions).toBeGreaterThan(0);
    expect(removed.loginFailures).toBeGreaterThan(0);
    const left = await t.database.db
      .selectFrom("sessions")
      .select("id")
      .where("expiresAt", "<=", t.clock.now().toISOString())
      .execute();
    expect(left).toHaveLength(0);
  });
});
