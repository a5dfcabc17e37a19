// GET /api/reference: what a signed-in device needs to record work offline (see reference.ts).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../db/connection.js";
import { vietnamToday } from "../sync/validate.js";
import { getReferenceData } from "./reference.js";

export const programmeRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (
  app,
  { database },
) => {
  app.get("/api/reference", { config: { action: "reference.read" } }, async (request) =>
    getReferenceData(database.db, request.user!, vietnamToday(new Date())),
  );
};
