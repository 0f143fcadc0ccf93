/**
 * Errors the services throw, and the one reply shape every failure gets:
 * `{ error: { code, message, details?, requestId } }`. Stack traces stay in the log.
 */
import type { ErrorCode } from "@tradewind/domain";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown[]) =>
  new AppError(400, "validation_failed", message, details);
export const unauthenticated = (message = "Please log in.") => new AppError(401, "unauthenticated", message);
export const forbidden = (message = "You do not have permission to do this.") =>
  new AppError(403, "forbidden", message);
export const notFound = (what = "Record") => new AppError(404, "not_found", `${what} not found.`);
export const conflict = (message: string, details?: unknown[]) =>
  new AppError(409, "conflict", message, details);
export const staleVersion = () =>
  new AppError(
    409,
    "stale_version",
    "Someone else changed this record after you opened it. Reload to see their changes.",
  );
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, "too_many_requests", message, undefined, { "retry-after": String(retryAfterSeconds) });

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

function describeValidation(error: FastifyError): { path: string; message: string }[] {
  const issues = (error.validation ?? []) as ValidationIssue[];
  return issues.map((issue) => {
    const path =
      issue.params?.issue?.path?.map(String).join(".") ??
      issue.instancePath?.replace(/^\//, "").replaceAll("/", ".") ??
      "";
    return { path, message: issue.params?.issue?.message ?? issue.message ?? "Invalid value" };
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = request.id;
    if (error instanceof AppError) {
      if (error.headers) reply.headers(error.headers);
      return reply.status(error.status).send({
        error: { code: error.code, message: error.message, details: error.details, requestId },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      const details = describeValidation(error);
      const where = error.validationContext ? ` in ${error.validationContext}` : "";
      const first = details[0];
      const message = first
        ? `Invalid input${where}: ${first.path ? `${first.path}: ` : ""}${first.message}`
        : `Invalid input${where}.`;
      return reply.status(400).send({ error: { code: "validation_failed", message, details, requestId } });
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply
        .status(413)
        .send({ error: { code: "too_large", message: "The upload is too large.", requestId } });
    }
    if (status === 429) {
      return reply.status(429).send({
        error: { code: "too_many_requests", message: "Too many requests. Try again shortly.", requestId },
      });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({
        error: {
          code: status === 404 ? "not_found" : "validation_failed",
          message: error.message,
          requestId,
        },
      });
    }
    request.log.error({ err: error }, "request failed");
    return reply.status(500).send({
      error: {
        code: "internal",
        message: "Something went wrong on our side. It has been logged.",
        requestId,
      },
    });
  });
}
