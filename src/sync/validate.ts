// The first step of a push, without the database: is each change well formed, of a known type,
// with valid fields and consistent dates? Produces the parsed change or the reason it is refused.
import { createHash } from "node:crypto";
import { z } from "zod";
import { type RecordType, recordTypes } from "../auth/policy.js";
import { zText } from "../lib/input.js";
import { recordSchemas, ZChangeSchema } from "./protocol.js";

export interface Rejection {
  code: string;
  field?: string;
  /** For `invalid_field`: what is wrong with the field (a `sync.field.<key>` message). */
  problem?: string;
}

export interface ParsedChange {
  id: string;
  type: RecordType;
  op: "create" | "update" | "void";
  recordId: string;
  /** The validated fields (create, update), without the server-only ones. */
  record: Record<string, unknown>;
  voidReason?: string;
  baseVersion: number | null;
  contentHash: string;
}

export type Validated =
  | { ok: true; change: ParsedChange }
  | { ok: false; id: string; rejection: Rejection };

const ZVoidSchema = z.object({
  id: z.uuid({ message: "id" }),
  void_reason: zText({ message: "void_reason" })
    .trim()
    .min(3, { message: "void_reason" })
    .max(200, { message: "void_reason" }),
});

const dateFields = [
  "registered_on",
  "contact_date",
  "held_on",
  "referred_on",
  "arrived_on",
  "result_on",
  "distributed_on",
  "starts_on",
  "ends_on",
  "visited_on",
] as const;

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("base64url");
}

function firstIssue(error: z.ZodError): Rejection {
  const issue = error.issues[0]!;
  return { code: "invalid_field", field: issue.path.join(".") || "record", problem: issue.message };
}

/** Rules across fields that a schema of single fields cannot say. `today` is YYYY-MM-DD in Việt Nam. */
function checkConsistency(
  type: RecordType,
  r: Record<string, unknown>,
  today: string,
): Rejection | undefined {
  const latest = nextDay(today);
  for (const field of dateFields) {
    const value = r[field];
    if (typeof value !== "string") continue;
    if (value > latest) return { code: "future_date", field };
    if (value < "2000-01-01") return { code: "invalid_field", field, problem: "date" };
  }
  if (
    type === "client" &&
    typeof r.birth_year === "number" &&
    r.birth_year > Number(today.slice(0, 4))
  ) {
    return { code: "invalid_field", field: "birth_year", problem: "birth_year" };
  }
  if (type === "referral") {
    if (r.arrived_on && (r.arrived_on as string) < (r.referred_on as string)) {
      return { code: "arrived_before_referred", field: "arrived_on" };
    }
    if (r.result && !r.arrived_on) return { code: "result_without_arrival", field: "result" };
    if (r.result_on && !r.result) return { code: "result_without_arrival", field: "result_on" };
  }
  if (type === "training") {
    if ((r.ends_on as string) < (r.starts_on as string))
      return { code: "ends_before_starts", field: "ends_on" };
    if (r.kind === "coaching" && !r.site_id)
      return { code: "coaching_needs_site", field: "site_id" };
  }
  return undefined;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export function validateChange(
  raw: { id: string } & Record<string, unknown>,
  today: string,
): Validated {
  const reject = (rejection: Rejection): Validated => ({ ok: false, id: raw.id, rejection });
  const shape = ZChangeSchema.safeParse(raw);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    return reject({ code: "invalid_change", field: issue.path.join(".") || "change" });
  }
  const change = shape.data;
  if (!(recordTypes as readonly string[]).includes(change.type))
    return reject({ code: "unknown_type", field: "type" });
  const type = change.type as RecordType;

  if (change.op === "void") {
    const parsed = ZVoidSchema.safeParse(change.record);
    if (!parsed.success) return reject(firstIssue(parsed.error));
    if (change.base_version === null)
      return reject({ code: "base_version_required", field: "base_version" });
    const { id, void_reason } = parsed.data;
    return {
      ok: true,
      change: {
        id: change.id,
        type,
        op: "void",
        recordId: id,
        record: {},
        voidReason: void_reason,
        baseVersion: change.base_version,
        contentHash: hashOf({ type, op: "void", id, void_reason, base: change.base_version }),
      },
    };
  }

  const parsed = recordSchemas[type].safeParse(change.record);
  if (!parsed.success) return reject(firstIssue(parsed.error));
  const record = parsed.data as Record<string, unknown>;
  if (type === "referral" && record.result && !record.result_on)
    record.result_on = record.arrived_on;
  const inconsistent = checkConsistency(type, record, today);
  if (inconsistent) return reject(inconsistent);
  if (change.op === "update" && change.base_version === null) {
    return reject({ code: "base_version_required", field: "base_version" });
  }
  return {
    ok: true,
    change: {
      id: change.id,
      type,
      op: change.op,
      recordId: record.id as string,
      record,
      baseVersion: change.base_version,
      contentHash: hashOf({ type, op: change.op, record, base: change.base_version }),
    },
  };
}

/** Today's date in Việt Nam (UTC+7, no daylight saving), where the work happens. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
