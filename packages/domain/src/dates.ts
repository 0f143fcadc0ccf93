/**
 * Calendar dates without time ("YYYY-MM-DD"), as used for next actions, close dates and ETAs.
 * Month arithmetic clamps to the month's last day (31 Jan + 1 month = 28/29 Feb).
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

function parts(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(year: number, month: number, day: number): IsoDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

// Classifying a hundred thousand imported customers asks the same few questions ("today + 7
// days", "today + 1 month") for every row: remember recent answers.
const recent = new Map<string, IsoDate>();
function remembered(key: string, compute: () => IsoDate): IsoDate {
  const known = recent.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (recent.size >= 512) recent.clear();
  recent.set(key, value);
  return value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return remembered(`${date}d${days}`, () => {
    const [y, m, d] = parts(date);
    return format(y, m, d + days);
  });
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  return remembered(`${date}m${months}`, () => monthsLater(date, months));
}

function monthsLater(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return format(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(d, lastDay));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

// Building an Intl formatter costs far more than using one, and using one with a time zone still
// costs tens of microseconds: keep one formatter per zone, and the answer for the current minute.
const formatters = new Map<string, Intl.DateTimeFormat>();
const lastAnswer = new Map<string, { minute: number; date: IsoDate }>();

/** Today's date in a time zone (the company's, by default Asia/Shanghai). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const minute = Math.floor(now.getTime() / 60_000);
  const known = lastAnswer.get(timeZone);
  if (known && known.minute === minute) return known.date;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const date = formatter.format(now);
  lastAnswer.set(timeZone, { minute, date });
  return date;
}
