import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite } from "../../db/database.ts";
import { pauseWalAutoCheckpoint } from "./imports.service.ts";

describe("pausing SQLite's automatic checkpoints during imports", () => {
  it("nests: overlapping imports leave the setting as it was once the last one ends", () => {
    const dir = mkdtempSync(join(tmpdir(), "tradewind-checkpoint-"));
    const sqlite = openSqlite(join(dir, "db.sqlite"));
    try {
      const setting = () => sqlite.pragma("wal_autocheckpoint", { simple: true });
      expect(setting()).toBe(1000);
      const resumeFirst = pauseWalAutoCheckpoint(sqlite);
      const resumeSecond = pauseWalAutoCheckpoint(sqlite);
      expect(setting()).toBe(0);
      resumeFirst();
      resumeFirst();
      expect(setting()).toBe(0);
      resumeSecond();
      expect(setting()).toBe(1000);
    } finally {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
