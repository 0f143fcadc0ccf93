/** The one error shape every API failure uses (see ARCHITECTURE.md, API conventions). */
import { z } from "zod";

export const ERROR_CODES = [
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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorDetail = z.object({
  path: z.string(),
  message: z.string(),
});

export const errorReply = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorReply = z.infer<typeof errorReply>;
