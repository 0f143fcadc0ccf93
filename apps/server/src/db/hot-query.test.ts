import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, engine, type TestDatabase } from "../test/harness.ts";
import { hotQuery } from "./hot-query.ts";

describe(`compiled-query cache (${engine})`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
    const now = new Date().toISOString();
    for (const [id, key] of [
      ["r1", "alpha"],
      ["r2", "beta"],
      ["r3", "gamma"],
    ]) {
      await test.database.db
        .insertInto("roles")
        .values({
          id: id!,
          key: key!,
          nameZh: key!,
          nameEn: key!,
          dataScope: "own",
          permissions: "[]",
          builtin: 1,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
    }
  });
  afterAll(() => test.drop());

  const byKeys = hotQuery((db, keys: readonly string[], builtin: number) =>
    db
      .selectFrom("roles")
      .select(["id", "nameEn"])
      .where("key", "in", keys)
      .where("builtin", "=", builtin)
      .where("dataScope", "=", "own")
      .orderBy("id"),
  );

  it("refuses a builder that transforms a parameter instead of binding it", async () => {
    const wrapped = hotQuery((db, key: string) =>
      db.selectFrom("roles").select("id").where("key", "=", `"${key}"`),
    );
    await expect(wrapped(test.database.db, "alpha")).rejects.toThrow(/transformed a parameter/);
    const arithmetic = hotQuery((db, limit: number) =>
      db
        .selectFrom("roles")
        .select("id")
        .limit(limit + 1),
    );
    await expect(arithmetic(test.database.db, 1)).rejects.toThrow(/transformed a parameter/);
  });

  it("gives the same rows as the query built anew, for new values and new array lengths", async () => {
    const db = test.database.db;
    expect(await byKeys(db, ["alpha"], 1)).toEqual([{ id: "r1", nameEn: "alpha" }]);
    expect(await byKeys(db, ["beta"], 1)).toEqual([{ id: "r2", nameEn: "beta" }]);
    expect(await byKeys(db, ["beta"], 0)).toEqual([]);
    expect(await byKeys(db, ["alpha", "gamma"], 1)).toEqual([
      { id: "r1", nameEn: "alpha" },
      { id: "r3", nameEn: "gamma" },
    ]);
    await db.transaction().execute(async (trx) => {
      expect(await byKeys(trx, ["gamma"], 1)).toEqual([{ id: "r3", nameEn: "gamma" }]);
    });
  });
});
