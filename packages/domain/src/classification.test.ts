import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEMANDS, GRADES, suggestGrade, URGENCIES, urgencyFor } from "./classification.ts";
import { addDays, addMonths } from "./dates.ts";

const day = fc
  .date({ min: new Date("2020-01-01"), max: new Date("2035-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const offset = fc.integer({ min: -400, max: 800 });

describe("urgency (R-CLS-3)", () => {
  it("R-CLS-3: exactly 7 days ahead is urgent, 8 days is moderate", () => {
    fc.assert(
      fc.property(day, (today) => {
        expect(urgencyFor(addDays(today, 7), today)).toBe("urgent");
        expect(urgencyFor(addDays(today, 8), today)).toBe("moderate");
        expect(urgencyFor(today, today)).toBe("urgent");
        expect(urgencyFor(addDays(today, -30), today)).toBe("urgent");
      }),
    );
  });

  it("R-CLS-3: exactly 1 month ahead is moderate, the day after is not urgent", () => {
    fc.assert(
      fc.property(day, (today) => {
        const month = addMonths(today, 1);
        if (month > addDays(today, 7)) expect(urgencyFor(month, today)).toBe("moderate");
        expect(urgencyFor(addDays(month, 1), today)).toBe("not_urgent");
      }),
    );
  });

  it("R-CLS-3: exactly 3 months ahead is not urgent, the day after is slow", () => {
    fc.assert(
      fc.property(day, (today) => {
        expect(urgencyFor(addMonths(today, 3), today)).toBe("not_urgent");
        expect(urgencyFor(addDays(addMonths(today, 3), 1), today)).toBe("slow");
      }),
    );
  });

  it("R-CLS-3: urgency never rises as the next action moves later", () => {
    fc.assert(
      fc.property(day, offset, offset, (today, a, b) => {
        const [near, far] = a <= b ? [a, b] : [b, a];
        const rank = (d: number) => URGENCIES.indexOf(urgencyFor(addDays(today, d), today)!);
        expect(rank(near)).toBeLessThanOrEqual(rank(far));
      }),
    );
  });

  it("R-CLS-3: no next-action date means no urgency", () => {
    expect(urgencyFor(null, "2026-01-01")).toBeNull();
  });
});

describe("suggested grade (R-GRADE-1)", () => {
  it("R-GRADE-1: a clear need closing within 1 month is A, 3 months B, 6 months C, later D", () => {
    fc.assert(
      fc.property(day, (today) => {
        expect(suggestGrade("target", addMonths(today, 1), today)).toBe("A");
        expect(suggestGrade("target", addDays(addMonths(today, 1), 1), today)).toBe("B");
        expect(suggestGrade("target", addMonths(today, 3), today)).toBe("B");
        expect(suggestGrade("target", addDays(addMonths(today, 3), 1), today)).toBe("C");
        expect(suggestGrade("target", addMonths(today, 6), today)).toBe("C");
        expect(suggestGrade("target", addDays(addMonths(today, 6), 1), today)).toBe("D");
        expect(suggestGrade("target", addDays(today, -10), today)).toBe("A");
      }),
    );
  });

  it("R-GRADE-1: a latent need is D and no need is E, whatever the date", () => {
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), (today, close) => {
        expect(suggestGrade("potential", close, today)).toBe("D");
        expect(suggestGrade("dead", close, today)).toBe("E");
      }),
    );
  });

  it("R-GRADE-1: a later close date never gives a better grade", () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...DEMANDS), offset, offset, (today, demand, a, b) => {
        const [near, far] = a <= b ? [a, b] : [b, a];
        const g1 = suggestGrade(demand, addDays(today, near), today);
        const g2 = suggestGrade(demand, addDays(today, far), today);
        expect(GRADES.indexOf(g1!)).toBeLessThanOrEqual(GRADES.indexOf(g2!));
      }),
    );
  });

  it("R-GRADE-1: a clear need without a close date gets no suggestion", () => {
    expect(suggestGrade("target", null, "2026-01-01")).toBeNull();
  });
});
