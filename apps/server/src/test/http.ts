/** Small helpers for calling the app through `inject` as a given caller. */
import type { LightMyRequestResponse } from "fastify";
import type { App } from "../http/types.ts";
import type { Caller } from "./harness.ts";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export function call(
  app: App,
  caller: Caller | null,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { ...(caller?.headers ?? {}), ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** The session cookie a reply sets, ready to send back. */
export function sessionCookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === "tw_session");
  if (!cookie) throw new Error(`No session cookie in reply ${response.statusCode}: ${response.body}`);
  return `tw_session=${cookie.value}`;
}
