import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, isIsoDate, todayIn } from "./dates.ts";

describe("calendar dates", () => {
  it("adds months with the month's last day as the limit", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-15", 3)).toBe("2026-06-15");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
  });

  it("adding and counting days agree", () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), (n) => {
        expect(daysBetween("2026-06-15", addDays("2026-06-15", n))).toBe(n);
      }),
    );
  });

  it("recognises real dates only", () => {
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-2-1")).toBe(false);
  });

  it("knows today's date in another time zone", () => {
    const now = new Date("2026-03-01T20:00:00Z");
    expect(todayIn("Asia/Shanghai", now)).toBe("2026-03-02");
    expect(todayIn("America/New_York", now)).toBe("2026-03-01");
  });
});
