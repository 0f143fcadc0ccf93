import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";

describe("record ids", () => {
  it("are UUIDv7 with the RFC 9562 variant, unique, and ordered as they are made", () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("carry the time they were made in their first 48 bits", () => {
    const before = Date.now();
    const id = newId();
    const ms = Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    // More than 4,096 ids in a millisecond borrow the next one, so allow a little ahead.
    expect(ms).toBeLessThanOrEqual(Date.now() + 50);
  });
});
