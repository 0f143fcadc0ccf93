/**
 * Turning API failures into words for the user: a short headline in the user's language (by
 * error code) and the server's own message, which names the exact problem.
 */
import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import { ApiError } from "../api/client.ts";

const KNOWN_CODES = new Set([
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "stale_version",
  "duplicate",
  "too_large",
  "too_many_requests",
  "csrf_failed",
  "internal",
  "network_error",
]);

export interface ErrorText {
  title: string;
  /** The server's message, when it says more than the headline. */
  detail?: string;
}

export function describeError(error: unknown, t: TFunction): ErrorText {
  if (error instanceof ApiError) {
    const code = KNOWN_CODES.has(error.code) ? error.code : "unknown";
    const title = t(`errors.${code}`);
    const detail = error.message && error.message !== title ? error.message : undefined;
    return { title, detail };
  }
  return { title: t("errors.unknown"), detail: error instanceof Error ? error.message : undefined };
}

/** One line for a toast: headline and the server's message. */
export function errorLine(error: unknown, t: TFunction): string {
  const { title, detail } = describeError(error, t);
  return detail ? `${title}: ${detail}` : title;
}

export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.code === "stale_version";
}

/** A form field's name as antd writes it: "name", or ["contacts", 0, "phones"] for nested lists. */
export type FieldPath = (string | number)[];

/** "contacts.0.phones.1" -> ["contacts", 0, "phones", 1]. */
export function splitErrorPath(path: string): FieldPath {
  return path
    .split(".")
    .filter((part) => part !== "")
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's per-field validation messages under the matching form fields.
 * `fieldOf` maps a server path to the form field showing it (forms whose fields differ from the
 * API's shape, e.g. one text box for a list of phones); by default the path's first part is the
 * field. Paths that match no field are left to the form's alert. Returns true if at least one
 * field got a message.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  fieldOf?: (path: FieldPath) => FieldPath | null,
): boolean {
  if (!(error instanceof ApiError) || error.details.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const messages = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const detail of error.details) {
    const path = splitErrorPath(detail.path);
    const name = fieldOf ? fieldOf(path) : typeof path[0] === "string" ? [path[0]] : null;
    if (!name || typeof name[0] !== "string" || !known.has(name[0])) continue;
    const key = JSON.stringify(name);
    const entry = messages.get(key) ?? { name, errors: [] };
    // The server may give two reasons for one value ("wrong form", "too few digits"): show both once.
    if (!entry.errors.includes(detail.message)) entry.errors.push(detail.message);
    messages.set(key, entry);
  }
  const fields = [...messages.values()];
  form.setFields(fields);
  return fields.length > 0;
}
