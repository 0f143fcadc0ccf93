/** Dates, times and money shown the way each language writes them (dayjs follows the app's language). */
import { formatAmount } from "@tradewind/domain";
import dayjs from "dayjs";

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const value = dayjs(iso);
  return value.isValid() ? value.format("lll") : iso;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const value = dayjs(iso);
  return value.isValid() ? value.format("ll") : iso;
}

/** "3 minutes ago"; for last-seen times, where the distance matters more than the date. */
export function formatRelative(iso: string | null | undefined): string {
  if (!iso) return "—";
  const value = dayjs(iso);
  return value.isValid() ? value.fromNow() : iso;
}

/** Today as a calendar day ("2026-03-05") in this computer's time zone. */
export function todayIso(): string {
  return dayjs().format("YYYY-MM-DD");
}

/**
 * An amount of money (integer minor units + currency) as the language writes it:
 * "US$12,345.60" in Chinese, "$12,345.60" in English. The text conversion keeps the exact
 * minor units; only the display goes through a number.
 */
export function formatMoney(
  money: { minor: number; currency: string } | null | undefined,
  locale: string,
): string {
  if (!money) return "—";
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency }).format(
      Number(formatAmount(money.minor, money.currency)),
    );
  } catch {
    return `${formatAmount(money.minor, money.currency)} ${money.currency}`;
  }
}
