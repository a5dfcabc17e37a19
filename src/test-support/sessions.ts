// Signing in for tests that go through HTTP: real accounts (argon2 hashes, so the log-in route
// can check them) and the cookie and CSRF header a signed-in app sends.
import type { FastifyInstance } from "fastify";
import { commandLineActor } from "../audit/service.js";
import { createUser, type NewUser } from "../auth/users-service.js";
import type { Db } from "../db/connection.js";

export interface SignedIn {
  userId: string;
  /** Headers for a safe request (GET). */
  headers: Record<string, string>;
  /** Headers for an unsafe request (POST, PATCH …): the cookie and the CSRF token. */
  unsafeHeaders: Record<string, string>;
  csrfToken: string;
}

let counter = 0;

/** An account with a real password hash; the password is `password` unless given. */
export async function createAccount(
  db: Db,
  account: Partial<NewUser> & Pick<NewUser, "role">,
): Promise<{ id: string; username: string; password: string }> {
  counter += 1;
  const username = account.username ?? `${account.role.replaceAll("_", "-")}.${counter}`;
  const password = account.password ?? "a long enough test passphrase";
  const user = await createUser(
    db,
    { displayName: username, siteIds: [], ...account, username, password },
    () => new Date(),
    commandLineActor,
  );
  return { id: user.id, username, password };
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  password: string,
): Promise<SignedIn> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === "peerlink_session");
  if (!cookie) throw new Error("sign-in set no session cookie");
  const body = response.json() as { user: { id: string }; csrf_token: string };
  const headers = { cookie: `peerlink_session=${cookie.value}` };
  return {
    userId: body.user.id,
    headers,
    unsafeHeaders: { ...headers, "x-csrf-token": body.csrf_token },
    csrfToken: body.csrf_token,
  };
}
