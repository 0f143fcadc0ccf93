import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffChanges } from "./audit.ts";

const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const record = fc.dictionary(fc.constantFrom("name", "email", "country", "grade", "tags", "active"), value);

describe("audit diff (R-ORG-5)", () => {
  it("R-ORG-5: lists exactly the fields that changed, with their values before and after", () => {
    fc.assert(
      fc.property(record, record, (before, after) => {
        const changes = diffChanges(before, after);
        for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
          const changed = JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null);
          expect(key in changes).toBe(changed);
          if (changed)
            expect(changes[key]).toEqual({ before: before[key] ?? null, after: after[key] ?? null });
        }
      }),
    );
  });

  it("R-ORG-5: no change means an empty diff", () => {
    fc.assert(
      fc.property(record, (row) => {
        expect(diffChanges(row, { ...row })).toEqual({});
      }),
    );
  });

  it("R-ORG-5: never records password hashes or token hashes", () => {
    const changes = diffChanges(
      { passwordHash: "a", tokenHash: "b", version: 1 },
      { passwordHash: "c", tokenHash: "d", version: 2 },
    );
    expect(changes).toEqual({});
  });

  it("records a creation and a deletion field by field", () => {
    expect(diffChanges(null, { name: "ACME" })).toEqual({ name: { before: null, after: "ACME" } });
    expect(diffChanges({ name: "ACME" }, null)).toEqual({ name: { before: "ACME", after: null } });
  });

  it("compares objects independent of key order", () => {
    expect(
      diffChanges(
        { address: { city: "Ningbo", zip: "315000" } },
        { address: { zip: "315000", city: "Ningbo" } },
      ),
    ).toEqual({});
  });
});
