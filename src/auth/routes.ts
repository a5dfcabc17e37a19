// Signing in and out: POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me and
// POST /api/auth/password. The session token travels only in an HttpOnly cookie; the CSRF token
// is in the answer's body, for the app to send back in the x-csrf-token header. A sign-in also
// sets the device cookie (devices.ts) that keeps this device out of other people's throttles.
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { zText } from "../lib/input.js";
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS, DEVICE_COOKIE_PATH } from "./devices.js";
import { PASSWORD_MAX_LENGTH } from "./passwords.js";
import { roles, type SessionUser } from "./policy.js";
import { changePassword, logIn, type SignInKey } from "./service.js";
import { endSession, hashToken, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from "./sessions.js";

export const ZSessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: z.enum(roles),
  site_ids: z.array(z.string()),
  staff_id: z.string().nullable(),
  locale: z.enum(["vi", "en"]),
});

const ZSessionSchema = z.object({ user: ZSessionUserSchema, csrf_token: z.string() });

const ZLogInBodySchema = z
  .object({
    username: zText({ message: "required" }).min(1, "required").max(100, "invalid"),
    password: zText({ message: "required" }).min(1, "required").max(1000, "invalid"),
  })
  .strict();

const ZChangePasswordBodySchema = z
  .object({
    current_password: zText({ message: "required" }).min(1, "required").max(1000, "invalid"),
    new_password: zText({ message: "required" }).max(PASSWORD_MAX_LENGTH, "password_too_long"),
  })
  .strict();

function presentSession(user: SessionUser, csrfToken: string) {
  return {
    user: {
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      site_ids: [...user.siteIds],
      staff_id: user.staffId,
      locale: user.locale,
    },
    csrf_token: csrfToken,
  };
}

/**
 * Log-in needs no CSRF token (there is no session yet), so another site could sign a visitor in
 * to an account of its choosing; browsers send Origin with such a POST, and it must be ours.
 */
function assertSameOrigin(request: FastifyRequest, publicUrl: string): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const own = URL.canParse(`${request.protocol}://${request.host}`)
    ? new URL(`${request.protocol}://${request.host}`).origin
    : undefined;
  if (origin === own || origin === new URL(publicUrl).origin) return;
  throw new AppError("csrf_failed", { detail: "log-in from another origin" });
}

/** The signed-in user and their session; the plugin has checked both exist for these routes. */
function signedIn(request: FastifyRequest) {
  if (!request.user || !request.authSession) throw new AppError("unauthenticated");
  return { user: request.user, session: request.authSession };
}

export const authRoutes: FastifyPluginAsyncZod<{
  database: Database;
  secureCookies: boolean;
  publicUrl: string;
  /** Signs device cookies and hashes unknown usernames (derived from the instance secret). */
  signInKey: SignInKey;
  now?: () => Date;
}> = async (app, { database, secureCookies, publicUrl, signInKey, now = () => new Date() }) => {
  const { db } = database;
  // Strict: no other site's link or form ever carries the session (the app is opened directly).
  const cookieOptions = {
    httpOnly: true,
    sameSite: "strict",
    secure: secureCookies,
    path: "/",
  } as const;

  app.post(
    "/api/auth/login",
    {
      config: { action: "public" },
      schema: { body: ZLogInBodySchema, response: { 200: ZSessionSchema } },
    },
    async (request, reply) => {
      assertSameOrigin(request, publicUrl);
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await endSession(db, hashToken(previous));
      const { username, password } = request.body;
      // A throttled attempt's 429 gets its Retry-After from the error handler (src/app.ts).
      const result = await logIn(
        db,
        { username, password, address: request.ip, deviceCookie: request.cookies[DEVICE_COOKIE] },
        now,
        signInKey,
      );
      reply.setCookie(SESSION_COOKIE, result.token, {
        ...cookieOptions,
        maxAge: SESSION_ABSOLUTE_MS / 1000,
      });
      reply.setCookie(DEVICE_COOKIE, result.deviceCookie, {
        ...cookieOptions,
        path: DEVICE_COOKIE_PATH,
        maxAge: DEVICE_COOKIE_DAYS * 24 * 60 * 60,
      });
      return presentSession(result.user, result.csrfToken);
    },
  );

  app.post("/api/auth/logout", { config: { action: "signed_in" } }, async (request, reply) => {
    await endSession(db, signedIn(request).session.tokenHash);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send();
  });

  app.get(
    "/api/auth/me",
    { config: { action: "signed_in" }, schema: { response: { 200: ZSessionSchema } } },
    async (request) => {
      const { user, session } = signedIn(request);
      return presentSession(user, session.csrfToken);
    },
  );

  app.post(
    "/api/auth/password",
    { config: { action: "signed_in" }, schema: { body: ZChangePasswordBodySchema } },
    async (request, reply) => {
      const { user, session } = signedIn(request);
      await changePassword(
        db,
        user,
        session.tokenHash,
        {
          currentPassword: request.body.current_password,
          newPassword: request.body.new_password,
        },
        {
          now,
          key: signInKey,
          actor: actorOf(request),
          deviceCookie: request.cookies[DEVICE_COOKIE],
        },
      );
      return reply.code(204).send();
    },
  );
};
