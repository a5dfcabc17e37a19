// The offline sync protocol over HTTP: push a batch of changes, pull what changed since a cursor.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../db/connection.js";
import { requestLocale } from "../lib/request-locale.js";
import { type MessageKey, translator } from "../messages.js";
import { MAX_PULL, ZPushRequestSchema } from "./protocol.js";
import { pullChanges } from "./pull.js";
import { pushChanges } from "./push.js";
import type { Rejection } from "./validate.js";

const ZPullQuerySchema = z
  .object({
    cursor: z.coerce
      .number({ message: "invalid" })
      .int({ message: "invalid" })
      .nonnegative({ message: "invalid" })
      .default(0),
    limit: z.coerce
      .number({ message: "invalid" })
      .int({ message: "invalid" })
      .min(1, { message: "invalid" })
      .max(MAX_PULL, { message: "invalid" })
      .optional(),
    device_id: z.uuid({ message: "invalid" }).optional(),
    lang: z.enum(["vi", "en"]).optional(),
  })
  .strict();

export const syncRoutes: FastifyPluginAsyncZod<{
  database: Database;
  clientDetailsKey: Buffer;
}> = async (app, { database, clientDetailsKey }) => {
  app.post(
    "/api/sync/push",
    {
      // Each change's text is checked with the change (validate.ts), so a bad one is rejected alone.
      config: { action: "sync.push", bodyTextCheckedPerItem: true },
      // 500 changes of a few hundred bytes each, with room to spare; beyond it: 413.
      bodyLimit: 4 * 1024 * 1024,
      schema: { body: ZPushRequestSchema },
    },
    async (request) => {
      const t = translator(requestLocale(request));
      const describe = (rejection: Rejection) =>
        t.t(`sync.reason.${rejection.code}` as MessageKey, {
          field: rejection.field ?? "",
          problem: rejection.problem ? t.t(`sync.field.${rejection.problem}` as MessageKey) : "",
        });
      return pushChanges(database.db, request.user!, request.body, {
        now: new Date(),
        clientDetailsKey,
        describe,
      });
    },
  );

  app.get(
    "/api/sync/pull",
    { config: { action: "sync.pull" }, schema: { querystring: ZPullQuerySchema } },
    async (request) => {
      const { cursor, limit, device_id } = request.query;
      return pullChanges(database.db, request.user!, {
        cursor,
        limit,
        deviceId: device_id,
        now: new Date(),
      });
    },
  );
};
