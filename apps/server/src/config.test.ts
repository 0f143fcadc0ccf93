import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("has defaults that run an embedded SQLite database under ./data", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: "0.0.0.0",
      DATA_DIR: "./data",
      databaseKind: "sqlite",
      TRADEWIND_DEMO: true,
    });
    expect(config.sqlitePath).toBe("./data/tradewind.sqlite");
    expect(config.SESSION_IDLE_MINUTES).toBe(30);
  });

  it("uses PostgreSQL when DATABASE_URL is a postgres URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://root@127.0.0.1:5432/test" }).databaseKind).toBe("postgres");
    expect(loadConfig({ DATABASE_URL: "sqlite:/tmp/x.sqlite" }).sqlitePath).toBe("/tmp/x.sqlite");
  });

  it("stops with a message naming each bad variable", () => {
    const attempt = () => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", TRADEWIND_DEMO: "maybe" });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('DATABASE_URL="mysql://x"');
      expect(message).toContain('TRADEWIND_DEMO="maybe"');
    }
  });

  it("TRADEWIND_DEMO=0 turns demo data off", () => {
    expect(loadConfig({ TRADEWIND_DEMO: "0" }).TRADEWIND_DEMO).toBe(false);
  });
});
