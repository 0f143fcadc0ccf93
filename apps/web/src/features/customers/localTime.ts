/**
 * The customer's clock: what time it is where the customer is, whether that is the next or the
 * previous day from here, and whether people there are at work. A rep in Ningbo calling Chicago
 * at 09:00 reaches someone at 20:00 the day before; the detail page says so before the call.
 */
import { countryTimeZone } from "@tradewind/domain";

export interface LocalClock {
  timeZone: string;
  /** "09:42" */
  time: string;
  /** -1 the customer is still on yesterday, 0 same day, 1 already tomorrow. */
  dayOffset: number;
  /** Monday to Friday, 09:00 to 18:00 local time. */
  workingHours: boolean;
}

/** The customer's own zone if set, else the main zone of its country. */
export function customerTimeZone(customer: { timeZone: string | null; country: string }): string | null {
  return customer.timeZone || countryTimeZone(customer.country);
}

function partsIn(timeZone: string | undefined, now: Date) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "short",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? "";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    hour: Number(get("hour")),
    minute: get("minute"),
    weekday: get("weekday"),
  };
}

/** The clock in `timeZone` compared with this computer's (`hereZone`, by default its own). */
export function localClock(timeZone: string, now: Date = new Date(), hereZone?: string): LocalClock | null {
  try {
    const there = partsIn(timeZone, now);
    const here = partsIn(hereZone, now);
    const dayOffset = there.date === here.date ? 0 : there.date > here.date ? 1 : -1;
    const weekend = there.weekday === "Sat" || there.weekday === "Sun";
    return {
      timeZone,
      time: `${String(there.hour).padStart(2, "0")}:${there.minute}`,
      dayOffset,
      workingHours: !weekend && there.hour >= 9 && there.hour < 18,
    };
  } catch {
    // A zone this browser does not know: show nothing rather than a wrong time.
    return null;
  }
}
