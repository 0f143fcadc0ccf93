/**
 * Cursor pagination (never OFFSET): a cursor is the sort key of the last row of a page,
 * base64url-encoded JSON. A tampered cursor is a 400, not a crash.
 */
import { badRequest } from "./errors.ts";

export type CursorValue = string | number | null;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, length: number): CursorValue[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => v === null || typeof v === "string" || typeof v === "number")
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest("The page cursor is not valid. Reload the list.", [
    { path: "cursor", message: "Invalid cursor" },
  ]);
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one. */
export function pageFrom<Row>(rows: Row[], limit: number, cursorOf: (row: Row) => CursorValue[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
