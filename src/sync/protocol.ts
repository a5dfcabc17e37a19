// The offline sync protocol's messages, as zod schemas: what a device may send for each record
// type, and what the server answers. Validation messages are reason keys (`sync.reason.<key>`),
// so a rejection can be said in the user's language. The staff app imports the inferred types.
import { z } from "zod";
import type { recordTypes } from "../auth/policy.js";
import { zCalendarDate, zText } from "../lib/input.js";
import { foldUicText } from "../people/uic.js";
import {
  items,
  populationGroups,
  services,
  sexes,
  testResults,
  topics,
  trainingKinds,
} from "./vocabulary.js";

export { MAX_BATCH, MAX_PULL } from "./vocabulary.js";

const ZId = z.uuid({ message: "id" });
const ZDate = zCalendarDate({ message: "date" });
const ZText = (max: number) => zText({ message: "text" }).trim().max(max, { message: "too_long" });

/** A UIC as the device builds it: letters and digits, normalised to upper case without diacritics. */
export const ZUic = z
  .string({ message: "uic" })
  .transform((value) => foldUicText(value).replace(/\s+/g, ""))
  .pipe(z.string().regex(/^[A-Z0-9]{4,20}$/, { message: "uic" }));

export const recordSchemas = {
  client: z.object({
    id: ZId,
    site_id: ZId,
    uic: ZUic,
    sex: z.enum(sexes, { message: "sex" }),
    birth_year: z
      .number({ message: "birth_year" })
      .int({ message: "birth_year" })
      .min(1900, { message: "birth_year" }),
    population_group: z.enum(populationGroups, {
      message: "population_group",
    }),
    home_commune_id: ZId.nullable().default(null),
    registered_on: ZDate,
    /** Optional identifying details: encrypted by the server, never sent back by pull. */
    name: ZText(120).optional(),
    phone: z
      .string({ message: "phone" })
      .trim()
      .regex(/^[0-9 +().-]{0,20}$/, { message: "phone" })
      .optional(),
  }),
  contact: z.object({
    id: ZId,
    site_id: ZId,
    client_id: ZId,
    contact_date: ZDate,
    commune_id: ZId.nullable().default(null),
    topics: z
      .array(z.enum(topics, { message: "topic" }))
      .max(10)
      .default([]),
  }),
  group_session: z.object({
    id: ZId,
    site_id: ZId,
    held_on: ZDate,
    commune_id: ZId.nullable().default(null),
    topic: ZText(200).default(""),
  }),
  group_attendance: z.object({ id: ZId, site_id: ZId, session_id: ZId, client_id: ZId }),
  referral: z.object({
    id: ZId,
    site_id: ZId,
    client_id: ZId,
    service: z.enum(services, { message: "service" }),
    facility: ZText(200).default(""),
    referred_on: ZDate,
    arrived_on: ZDate.nullable().default(null),
    result: z.enum(testResults, { message: "result" }).nullable().default(null),
    result_on: ZDate.nullable().default(null),
  }),
  commodity_distribution: z.object({
    id: ZId,
    site_id: ZId,
    item: z.enum(items, {
      message: "item",
    }),
    quantity: z
      .number({ message: "quantity" })
      .int({ message: "quantity" })
      .min(1, { message: "quantity" })
      .max(100_000, { message: "quantity" }),
    distributed_on: ZDate,
    client_id: ZId.nullable().default(null),
    contact_id: ZId.nullable().default(null),
    group_session_id: ZId.nullable().default(null),
  }),
  training: z.object({
    id: ZId,
    project_id: ZId,
    site_id: ZId.nullable().default(null),
    kind: z.enum(trainingKinds, { message: "kind" }),
    title: ZText(200).min(1, { message: "required" }),
    starts_on: ZDate,
    ends_on: ZDate,
    venue: ZText(200).default(""),
  }),
  training_participant: z.object({
    id: ZId,
    site_id: ZId.nullable().default(null),
    training_id: ZId,
    staff_id: ZId,
  }),
  supervision_visit: z.object({
    id: ZId,
    site_id: ZId,
    visited_on: ZDate,
    findings: ZText(4000).default(""),
    actions: ZText(4000).default(""),
  }),
} satisfies Record<(typeof recordTypes)[number], z.ZodType>;

export type RecordOf<T extends keyof typeof recordSchemas> = z.infer<(typeof recordSchemas)[T]>;

export const ZChangeSchema = z.object({
  /** The change's own id (UUIDv7, made by the device): a retry sends the same id. */
  id: ZId,
  type: z.string(),
  op: z.enum(["create", "update", "void"], { message: "op" }),
  /** The record's fields (create, update), or `{ id, void_reason }` (void). */
  record: z.record(z.string(), z.unknown()),
  /** The version the device last saw (update, void); null for create. */
  base_version: z.number().int().nonnegative().nullable(),
});
export type TChange = z.infer<typeof ZChangeSchema>;

/**
 * A push: the batch's shape is checked here (a malformed body is a 400); each change is checked on
 * its own (ZChangeSchema), so one malformed change is rejected alone, answered by its id.
 */
export const ZPushRequestSchema = z.object({
  device_id: ZId,
  changes: z.array(z.looseObject({ id: ZId })),
});
export type TPushRequest = z.infer<typeof ZPushRequestSchema>;

export type ChangeStatus = "applied" | "duplicate" | "conflict" | "rejected";

/**
 * The answer for one change. Sent again, a change gets the answer it first got (docs/api.md,
 * "Sending a change again"): `duplicate` if it was applied, `conflict` if it conflicted; a refused
 * change wrote nothing and is judged afresh.
 */
export interface ChangeResult {
  id: string;
  status: ChangeStatus;
  /**
   * applied, duplicate: the version THIS change gave the record (for a create the server already
   * had, the version holding that very content) — never a later one, so an edit built on it meets
   * any other device's edit as a conflict. conflict: the version of `server_record` (absent when
   * the record can no longer be shown).
   */
  version?: number;
  /** The server's current copy of the record (conflict), only if the pusher may read it. */
  server_record?: Record<string, unknown>;
  /** Why (rejected): a stable code, the field at fault, and a message in the user's language. */
  code?: string;
  field?: string;
  message?: string;
}

export interface PushResponse {
  results: ChangeResult[];
}

export interface PulledChange {
  type: (typeof recordTypes)[number];
  version: number;
  record: Record<string, unknown>;
}

export interface PullResponse {
  changes: PulledChange[];
  /** Pass it back as `cursor` to get what changed since. */
  cursor: number;
  /** True when more changes wait: pull again at once. */
  more: boolean;
}
