/**
 * Money as integer minor units with its ISO 4217 currency (R-FX-1): never a binary float.
 * Conversions between text ("12,345.67") and minor units use the currency's own number of
 * decimals (JPY 0, USD 2, KWD 3).
 */
import currencyCodes from "currency-codes";

export const COMMON_CURRENCIES = [
  "USD",
  "EUR",
  "CNY",
  "GBP",
  "JPY",
  "HKD",
  "AUD",
  "CAD",
  "CHF",
  "AED",
  "SGD",
  "RUB",
  "INR",
  "BRL",
  "KRW",
] as const;

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencyCodes.code(code) !== undefined;
}

export function currencyDigits(code: string): number {
  return currencyCodes.code(code)?.digits ?? 2;
}

export interface Money {
  /** Integer amount in the currency's minor unit (cents, fen, ...). */
  minor: number;
  currency: string;
}

/** "12,345.6" in USD -> 1234560. Returns null for text that is not an amount or has too many decimals. */
export function parseAmount(text: string, currency: string): number | null {
  const cleaned = text.normalize("NFKC").replace(/[\s,_]/g, "");
  const match = /^(-)?(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const digits = currencyDigits(currency);
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return null;
  const minor = BigInt(match[2]! + fraction.padEnd(digits, "0"));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(match[1] ? -minor : minor);
}

/** 1234560 USD -> "12345.60" (no grouping; the UI formats by locale). */
export function formatAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = minor < 0;
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
