// Accounts, for administrators: GET /api/users, POST /api/users, PATCH /api/users/:id. Schema
// messages are reason keys (./messages.ts), so a refused field is named and explained in the
// caller's language; the rules that need the database live in users-service.ts.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../audit/actor.js";
import type { Database } from "../db/connection.js";
import { zText } from "../lib/input.js";
import { PASSWORD_MAX_LENGTH } from "./passwords.js";
import { roles } from "./policy.js";
import { ZSessionUserSchema } from "./routes.js";
import {
  createUser,
  listUsers,
  USERNAME_PATTERN,
  type UserRow,
  updateUserAccount,
} from "./users-service.js";

const ZRoleSchema = z.enum(roles, { message: "invalid" });
const ZLocaleSchema = z.enum(["vi", "en"], { message: "invalid" });
const ZDisplayNameSchema = zText({ message: "required" })
  .trim()
  .min(1, "required")
  .max(100, "invalid");
const ZPasswordSchema = zText({ message: "required" }).max(
  PASSWORD_MAX_LENGTH,
  "password_too_long",
);
const ZSiteIdsSchema = z
  .array(z.uuid({ message: "site_not_found" }), { message: "invalid" })
  .max(50, "invalid");
const ZStaffIdSchema = z.uuid({ message: "staff_not_found" }).nullable();

export const ZNewUserBodySchema = z
  .object({
    username: zText({ message: "required" })
      .trim()
      .toLowerCase()
      .regex(USERNAME_PATTERN, "username_format"),
    display_name: ZDisplayNameSchema,
    role: ZRoleSchema,
    password: ZPasswordSchema,
    site_ids: ZSiteIdsSchema.default([]),
    staff_id: ZStaffIdSchema.optional(),
    locale: ZLocaleSchema.default("vi"),
  })
  .strict();

export const ZUserChangesBodySchema = z
  .object({
    display_name: ZDisplayNameSchema.optional(),
    role: ZRoleSchema.optional(),
    site_ids: ZSiteIdsSchema.optional(),
    staff_id: ZStaffIdSchema.optional(),
    locale: ZLocaleSchema.optional(),
    disabled: z.boolean({ message: "invalid" }).optional(),
    password: ZPasswordSchema.optional(),
  })
  .strict();

export const ZUserSchema = ZSessionUserSchema.extend({
  disabled: z.boolean(),
  /**
   * Set while sign-ins at the account from devices it has no cookie on must wait after failures
   * (throttle.ts); its own devices may still sign in.
   */
  locked_until: z.string().nullable(),
  created_at: z.string(),
});

const ZUserParamsSchema = z.object({ id: z.uuid({ message: "invalid" }) });

const now = () => new Date();

function presentUser(row: UserRow) {
  const locked = row.locked_until && row.locked_until > new Date() ? row.locked_until : null;
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    role: row.role,
    site_ids: row.site_ids,
    staff_id: row.staff_id,
    locale: row.locale,
    disabled: row.disabled_at !== null,
    locked_until: locked ? locked.toISOString() : null,
    created_at: row.created_at.toISOString(),
  };
}

export const userRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  const { db } = database;
  const config = { action: "users.manage" } as const;

  app.get(
    "/api/users",
    { config, schema: { response: { 200: z.object({ users: z.array(ZUserSchema) }) } } },
    async () => ({ users: (await listUsers(db)).map(presentUser) }),
  );

  app.post(
    "/api/users",
    { config, schema: { body: ZNewUserBodySchema, response: { 201: ZUserSchema } } },
    async (request, reply) => {
      const body = request.body;
      const user = await createUser(
        db,
        {
          username: body.username,
          displayName: body.display_name,
          role: body.role,
          password: body.password,
          siteIds: body.site_ids,
          staffId: body.staff_id,
          locale: body.locale,
        },
        now,
        actorOf(request),
      );
      return reply.code(201).send(presentUser(user));
    },
  );

  app.patch(
    "/api/users/:id",
    {
      config,
      schema: {
        params: ZUserParamsSchema,
        body: ZUserChangesBodySchema,
        response: { 200: ZUserSchema },
      },
    },
    async (request) => {
      const body = request.body;
      const user = await updateUserAccount(
        db,
        request.params.id,
        {
          displayName: body.display_name,
          role: body.role,
          siteIds: body.site_ids,
          staffId: body.staff_id,
          locale: body.locale,
          disabled: body.disabled,
          password: body.password,
        },
        now,
        actorOf(request),
      );
      return presentUser(user);
    },
  );
};
