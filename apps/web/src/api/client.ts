/**
 * The one way the web app talks to the Tradewind API: JSON over fetch with the session cookie,
 * the CSRF header on every write, and every failure turned into an `ApiError` carrying the
 * server's code and message, so screens can show what the server said. Files go up as
 * multipart form data (`form`) and come down as blobs (`apiFile`), through the same checks.
 */

export interface ApiErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    readonly requestId?: string,
    /** Seconds to wait, from Retry-After on 429 replies. */
    readonly retryAfter?: number,
    /**
     * The server's `details` as sent. Most are field messages (kept in `details`), but some
     * replies carry records instead, e.g. the possible duplicates of a 409 `duplicate`.
     */
    readonly rawDetails: readonly unknown[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** A multipart body (file uploads); the browser writes its content type with the boundary. */
  form?: FormData;
  query?: Record<string, QueryValue>;
  /**
   * Leave a 401 to the caller instead of sending the user to the login page: for the login
   * and setup forms, and for the start-up probe that asks whether anyone is logged in.
   */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Keeps the CSRF token of the latest Me reply; every state-changing request sends it back. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The app decides how to send a logged-out user to the login page (it owns the router). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

function urlOf(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function asDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item !== "object" || item === null) return [];
    const { path, message } = item as Record<string, unknown>;
    return typeof message === "string" ? [{ path: typeof path === "string" ? path : "", message }] : [];
  });
}

async function errorOf(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get("retry-after");
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  try {
    const payload = (await response.json()) as { error?: Record<string, unknown> };
    const error = payload.error ?? {};
    return new ApiError(
      response.status,
      typeof error.code === "string" ? error.code : "http_error",
      typeof error.message === "string" ? error.message : response.statusText,
      asDetails(error.details),
      typeof error.requestId === "string" ? error.requestId : undefined,
      retryAfter,
      Array.isArray(error.details) ? error.details : [],
    );
  } catch {
    // Not our JSON (a proxy's error page, say): keep the status so screens still react sensibly.
    return new ApiError(
      response.status,
      "http_error",
      response.statusText || `HTTP ${response.status}`,
      [],
      undefined,
      retryAfter,
    );
  }
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined && !options.form) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  try {
    return await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", "The server could not be reached.");
  }
}

/** Sends one request, retrying once with a fresh CSRF token; throws an ApiError unless it succeeded. */
async function request(path: string, options: RequestOptions): Promise<Response> {
  let response = await send(path, options);

  if (response.status === 403 && (options.method ?? "GET") !== "GET") {
    const error = await errorOf(response.clone());
    if (error.code === "csrf_failed") {
      // The token may have been rotated by a login in another tab: fetch the current one, retry once.
      const session = await send("/api/auth/session", { allowUnauthenticated: true });
      const me = session.ok ? ((await session.json()) as { me: { csrfToken: string } | null }).me : null;
      if (me) {
        rememberCsrfToken(me.csrfToken);
        response = await send(path, options);
      }
    }
  }

  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && !options.allowUnauthenticated) onUnauthenticated?.();
    throw error;
  }
  return response;
}

/** Sends one request and returns the parsed JSON reply (undefined for 204 No Content). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file the server sent, with the name its Content-Disposition gives. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/**
 * The file name of a Content-Disposition header: the UTF-8 `filename*` when present (Chinese
 * names such as 客户列表.xlsx travel only there), else the plain `filename`.
 */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}

/** Downloads a file (an .xlsx, say) into memory; errors arrive as ApiError like any other call. */
export async function apiFile(
  path: string,
  fallbackName: string,
  options: RequestOptions = {},
): Promise<DownloadedFile> {
  const response = await request(path, options);
  return {
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get("content-disposition"), fallbackName),
  };
}

/** A page of a cursor-paged list, as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Reads every page of a list; for small reference lists (people, teams) used in pickers. */
export async function fetchAll<T>(path: string, query: Record<string, QueryValue> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api<Page<T>>(path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
