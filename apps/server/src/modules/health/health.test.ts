import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../db/migrations/index.ts";
import { createTestContext, engine, type TestContext } from "../../test/harness.ts";

describe(`health (${engine})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it("reports the database is reachable and the migration version", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: engine, migration: MIGRATIONS.at(-1)![0] });
  });

  it("answers 503 when the database is gone", async () => {
    const { createTestDatabase } = await import("../../test/harness.ts");
    const { buildApp } = await import("../../app.ts");
    const { createServices } = await import("../../services.ts");
    const { systemClock } = await import("../../clock.ts");
    const closed = await createTestDatabase();
    const services = createServices({
      database: closed.database,
      clock: systemClock,
      auth: { idleMinutes: 30, absoluteHours: 12, maxLoginFailures: 5, loginWindowMinutes: 15 },
    });
    const app = await buildApp({ services, sessionSecret: "x".repeat(40) });
    await closed.drop();
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe("unavailable");
    await app.close();
  });
});
