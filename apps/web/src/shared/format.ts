/** Dates and times shown the way each language writes them (dayjs follows the app's language). */
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
