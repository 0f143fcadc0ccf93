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

/**
 * Puts the server's per-field validation messages under the matching form fields.
 * Returns true if at least one field got a message.
 */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.details.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = error.details
    .map((detail) => ({ name: detail.path.split(".")[0] ?? "", errors: [detail.message] }))
    .filter((field) => known.has(field.name));
  form.setFields(fields);
  return fields.length > 0;
}
