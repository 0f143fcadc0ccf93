/** The customer's local time and working hours, seen from Ningbo. */
import { describe, expect, it } from "vitest";
import { customerTimeZone, localClock } from "./localTime.ts";

describe("the customer's local time", () => {
  // Thursday 2026-03-05 01:42 UTC = 09:42 in Ningbo, 02:42 in Berlin, 19:42 the day before in Chicago.
  const now = new Date("2026-03-05T01:42:00Z");

  it("tells the time and the day there, seen from Ningbo", () => {
    expect(localClock("Europe/Berlin", now, "Asia/Shanghai")).toEqual({
      timeZone: "Europe/Berlin",
      time: "02:42",
      dayOffset: 0,
      workingHours: false,
    });
    expect(localClock("America/Chicago", now, "Asia/Shanghai")?.dayOffset).toBe(-1);
    expect(localClock("Asia/Tokyo", new Date("2026-03-05T01:00:00Z"), "Asia/Shanghai")).toMatchObject({
      time: "10:00",
      workingHours: true,
    });
  });

  it("uses the customer's zone, else its country's", () => {
    expect(customerTimeZone({ timeZone: null, country: "DE" })).toBe("Europe/Berlin");
    expect(customerTimeZone({ timeZone: "America/Chicago", country: "US" })).toBe("America/Chicago");
    expect(localClock("Not/AZone", now)).toBeNull();
  });
});
