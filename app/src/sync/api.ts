// The server's HTTP API as the app uses it (docs/api.md; the contract in src/sync/protocol.ts).
// `fetch` is injected: the browser's in the app, one with a cookie jar in tests against the real
// server. Failures come in two kinds the sync engine treats differently: the network or the server
// being unavailable (try again later), and an answer that says what is wrong (ApiError).
import type { SessionUser } from "../../../src/auth/policy.js";
import type { PullResponse, PushResponse, TPushRequest } from "../../../src/sync/protocol.js";
import { type ContentApi, createContentApi } from "../content/api.js";
import type { Reference } from "../db/meta.js";
import { createNewsletterApi, type NewsletterApi } from "../newsletter/api.js";

/** No answer came (no network, the server out of reach, an answer cut off): try again later. */
export class NetworkError extends Error {
  override name = "NetworkError";
}

/**
 * The server (or a gateway in front of it) answered 5xx: it is reachable but failing. Retried like
 * a missing answer, but said differently: the phone's network is fine, and the fault is not the
 * person's.
 */
export class ServerError extends NetworkError {
  override name = "ServerError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The server answered with an error it explained: `{ error: { code, message, parameter? } }`;
 * `parameter` names the refused field (`site_ids`, `password`, …) when there is one.
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export interface LoginAnswer {
  user: SessionUser;
  csrf_token: string;
}

/** The user as the server sends it (snake_case, src/auth/routes.ts). */
interface ServerUser {
  id: string;
  username: string;
  display_name: string;
  role: SessionUser["role"];
  site_ids: string[];
  staff_id: string | null;
  locale: "vi" | "en";
}

function toSession(answer: { user: ServerUser; csrf_token: string }): LoginAnswer {
  const { user } = answer;
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      siteIds: user.site_ids,
      staffId: user.staff_id,
      locale: user.locale,
    },
    csrf_token: answer.csrf_token,
  };
}

/** An account as GET/POST/PATCH /api/users answer it (src/auth/users-routes.ts). */
export interface ManagedUser extends ServerUser {
  disabled: boolean;
  /** Set while a lock-out after failed log-ins lasts. */
  locked_until: string | null;
  created_at: string;
}

export interface NewUserBody {
  username: string;
  display_name: string;
  role: SessionUser["role"];
  password: string;
  site_ids: string[];
  staff_id?: string | null;
  locale: "vi" | "en";
}

/** A sign-in throttle as GET /api/auth/throttles answers it (src/auth/throttle-routes.ts). */
export interface SignInThrottle {
  id: string;
  /** account: sign-ins from devices new to the account; device: one of its devices. */
  kind: "account" | "device" | "address";
  user: { id: string; username: string; display_name: string } | null;
  address: string | null;
  failures: number;
  last_failure_at: string;
  blocked_until: string | null;
}

/** An entry of the audit log as GET /api/audit answers it (src/audit/routes.ts). */
export interface AuditEntry {
  id: number;
  at: string;
  /** Null for the operator at the server's command line. */
  actor: { id: string; username: string; display_name: string } | null;
  channel: "api" | "cli";
  address: string | null;
  action: string;
  target: { type: string; id: string | null; label: string | null };
  details: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  target_type?: string;
  target_id?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Where the next (older) page starts; null on the last. */
  next_before: number | null;
}

export type UserChangesBody = Partial<
  Omit<NewUserBody, "username"> & { disabled: boolean; staff_id: string | null }
>;

export interface UicCheckQuery {
  site_id: string;
  uic: string;
  sex: string;
  birth_year: number;
}

export interface UicCheckAnswer {
  exact: boolean;
  similar: number;
  visible: string[];
}

export interface ApiOptions {
  /** Where the server is: "" in the browser (same origin), "http://127.0.0.1:PORT" in tests. */
  baseUrl: string;
  fetch: typeof fetch;
  /** The session's CSRF token, read at each request (a log-in may have just changed it). */
  csrfToken(): string | undefined | Promise<string | undefined>;
  locale(): "vi" | "en";
}

export interface Api {
  login(username: string, password: string): Promise<LoginAnswer>;
  me(): Promise<LoginAnswer>;
  logout(): Promise<void>;
  reference(): Promise<Reference>;
  push(request: TPushRequest): Promise<PushResponse>;
  pull(cursor: number, deviceId?: string): Promise<PullResponse>;
  /**
   * Whether a UIC is taken at a site, for registering a client (online only): an exact match, how
   * many nearly identical codes, and which of those clients the caller may read.
   */
  uicCheck(query: UicCheckQuery): Promise<UicCheckAnswer>;
  /** Accounts (administrators): online only, never through the outbox. */
  users(): Promise<ManagedUser[]>;
  createUser(body: NewUserBody): Promise<ManagedUser>;
  updateUser(id: string, changes: UserChangesBody): Promise<ManagedUser>;
  /** Sign-in throttles (administrators), and lifting one. */
  throttles(): Promise<SignInThrottle[]>;
  liftThrottle(id: string): Promise<void>;
  /** The audit log (administrators and programme officers), a page at a time. */
  audit(query: AuditQuery): Promise<AuditPage>;
  /** The public website's content (editors and administrators): online only. */
  content: ContentApi;
  /** The newsletter's issues (editors and administrators): online only. */
  newsletter: NewsletterApi;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The error an answer that is not 2xx stands for. */
export function refusal(status: number, text: string): Error {
  const error = (
    parseJson(text) as
      | { error?: { code?: string; message?: string; parameter?: string } }
      | undefined
  )?.error;
  // A server that failed, or a gateway in front of one that is down: not an answer to act on.
  if (status >= 500) return new ServerError(status, error?.message ?? `HTTP ${status}`);
  return new ApiError(
    status,
    error?.code ?? `http_${status}`,
    error?.message ?? `HTTP ${status}`,
    error?.parameter || undefined,
  );
}

/** A body sent as its own bytes with its type (a bank statement's file), not as JSON. */
export class RawBody {
  constructor(
    readonly type: string,
    readonly data: BodyInit,
  ) {}
}

/**
 * One request to the server in the user's language, with the CSRF token on a change; the answer's
 * JSON (undefined for an empty one), or the error it stands for. The body goes as JSON unless it
 * is a RawBody. The app's api, the media client and the finance client all send through it.
 */
export async function requestJson<T>(
  options: ApiOptions,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": options.locale(),
  };
  if (body !== undefined) {
    headers["content-type"] = body instanceof RawBody ? body.type : "application/json";
  }
  const csrf = await options.csrfToken();
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  let response: Response;
  try {
    response = await options.fetch(`${options.baseUrl}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body:
        body === undefined ? undefined : body instanceof RawBody ? body.data : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const text = await response.text().catch(() => "");
  if (response.ok) return (text ? parseJson(text) : undefined) as T;
  throw refusal(response.status, text);
}

export function createApi(options: ApiOptions): Api {
  const call = <T>(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
  ): Promise<T> => requestJson<T>(options, method, path, body);

  /** A GET whose answer is text, not JSON (a newsletter's preview). */
  async function getText(path: string): Promise<{ text: string; headers: Headers }> {
    let response: Response;
    try {
      response = await options.fetch(`${options.baseUrl}${path}`, {
        headers: { "accept-language": options.locale() },
        credentials: "same-origin",
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error));
    }
    const text = await response.text().catch(() => "");
    if (response.ok) return { text, headers: response.headers };
    throw refusal(response.status, text);
  }

  return {
    login: async (username, password) =>
      toSession(await call("POST", "/api/auth/login", { username, password })),
    me: async () => toSession(await call("GET", "/api/auth/me")),
    logout: async () => {
      await call("POST", "/api/auth/logout", {});
    },
    reference: () => call("GET", "/api/reference"),
    push: (request) => call("POST", "/api/sync/push", request),
    pull: (cursor, deviceId) =>
      call("GET", `/api/sync/pull?cursor=${cursor}${deviceId ? `&device_id=${deviceId}` : ""}`),
    uicCheck: (query) => call("POST", "/api/people/uic-check", query),
    users: async () => (await call<{ users: ManagedUser[] }>("GET", "/api/users")).users,
    createUser: (body) => call("POST", "/api/users", body),
    updateUser: (id, changes) => call("PATCH", `/api/users/${encodeURIComponent(id)}`, changes),
    throttles: async () =>
      (await call<{ throttles: SignInThrottle[] }>("GET", "/api/auth/throttles")).throttles,
    liftThrottle: async (id) => {
      await call("DELETE", `/api/auth/throttles/${encodeURIComponent(id)}`);
    },
    audit: (query) => {
      const params = new URLSearchParams(
        Object.entries(query)
          .filter(([, value]) => value !== undefined && value !== "")
          .map(([key, value]) => [key, String(value)]),
      ).toString();
      return call("GET", `/api/audit${params ? `?${params}` : ""}`);
    },
    content: createContentApi(call, options.baseUrl),
    newsletter: createNewsletterApi(call, getText, options.baseUrl),
  };
}
