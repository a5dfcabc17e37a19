// The rules of a push, decided in memory before anything is written: for each change of the
// batch, in order, applied / duplicate / conflict / rejected, and what to write for it. All reads
// are batched: one query per table for the whole batch.
import {
  canChangeRecordOf,
  canWriteAt,
  type RecordType,
  readableSites,
  type SessionUser,
  seesOnlyOwnClients,
} from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { presentRecord } from "./present.js";
import type { ChangeResult } from "./protocol.js";
import {
  findLiveAttendances,
  findLiveUics,
  findReceipts,
  findRows,
  type Row,
  uicKey,
} from "./queries.js";
import { type RecordConfig, recordConfigs } from "./records.js";
import type { ParsedChange, Rejection, validateChange } from "./validate.js";

/** What the batch will write, decided before writing. */
export type Plan =
  | { kind: "insert"; change: ParsedChange; row: Record<string, unknown> }
  | { kind: "update"; change: ParsedChange; values: Record<string, unknown> };

export interface Decision {
  result: ChangeResult;
  plan?: Plan;
  /** Keep a receipt (applied or conflict) so a retry gets the same answer. */
  receipt?: { change: ParsedChange; status: "applied" | "conflict" };
}

const key = (table: string, id: string) => `${table}:${id}`;

function sameContent(config: RecordConfig, record: Record<string, unknown>, row: Row): boolean {
  return config.columns.every(
    (column) => JSON.stringify(record[column] ?? null) === JSON.stringify(row[column] ?? null),
  );
}

/** Can this user point at that record (a client, a session, …) from their own records? */
function visibleTo(user: SessionUser, type: RecordType | undefined, row: Row): boolean {
  if (!type) return true;
  const sites = readableSites(user);
  if (type === "training" && row.site_id === null) return true;
  if (sites !== "all" && !sites.includes(row.site_id as string)) return false;
  if (seesOnlyOwnClients(user) && (type === "client" || type === "contact"))
    return row.created_by === user.id;
  return true;
}

export async function decide(
  trx: Db,
  user: SessionUser,
  validated: ReturnType<typeof validateChange>[],
  describe: (rejection: Rejection) => string,
): Promise<Decision[]> {
  const parsed = validated.flatMap((v) => (v.ok ? [v.change] : []));
  const receipts = new Map(
    (
      await findReceipts(
        trx,
        parsed.map((c) => c.id),
      )
    ).map((r) => [r.change_id, r]),
  );

  // Every row the batch touches or points at, read once per table.
  const wanted = new Map<string, Set<string>>();
  const want = (table: string, id: unknown) => {
    if (typeof id !== "string") return;
    if (!wanted.has(table)) wanted.set(table, new Set());
    wanted.get(table)!.add(id);
  };
  for (const change of parsed) {
    const config = recordConfigs[change.type];
    want(config.table, change.recordId);
    for (const reference of config.references)
      want(reference.table, change.record[reference.field]);
  }
  const rows = new Map<string, Row>();
  for (const [table, ids] of wanted) {
    for (const row of await findRows(trx, table as never, [...ids]))
      rows.set(key(table, row.id), row);
  }
  const uics = new Set(
    await findLiveUics(
      trx,
      parsed
        .filter((c) => c.type === "client" && typeof c.record.site_id === "string")
        .map((c) => ({ siteId: c.record.site_id as string, uic: c.record.uic as string })),
    ),
  );
  const sessionIds = parsed
    .filter((c) => c.type === "group_attendance")
    .map((c) => c.record.session_id as string);
  const attending = new Set(
    (await findLiveAttendances(trx, sessionIds)).map((a) => `${a.session_id}:${a.client_id}`),
  );

  const inBatch = new Map<string, { hash: string; decision: Decision }>();
  const reject = (id: string, rejection: Rejection): Decision => ({
    result: {
      id,
      status: "rejected",
      code: rejection.code,
      ...(rejection.field ? { field: rejection.field } : {}),
      message: describe(rejection),
    },
  });

  return validated.map((v): Decision => {
    if (!v.ok) return reject(v.id, v.rejection);
    const change = v.change;
    const earlier = inBatch.get(change.id);
    const receipt = receipts.get(change.id);
    if (earlier || receipt) {
      const hash = earlier?.hash ?? receipt!.content_hash;
      if (hash !== change.contentHash)
        return reject(change.id, { code: "change_reused", field: "id" });
      const row = rows.get(key(recordConfigs[change.type].table, change.recordId));
      const version = (earlier?.decision.result.version ?? row?.version ?? receipt?.version) as
        | number
        | undefined;
      return {
        result: {
          id: change.id,
          status: "duplicate",
          ...(version !== undefined ? { version } : {}),
        },
      };
    }
    const decision = decideOne(user, change, rows, uics, attending, reject);
    // A refused change is not "seen": a later copy in the batch is judged afresh, never answered
    // "duplicate" for something that was not applied.
    if (decision.result.status !== "rejected")
      inBatch.set(change.id, { hash: change.contentHash, decision });
    return decision;
  });
}

function decideOne(
  user: SessionUser,
  change: ParsedChange,
  rows: Map<string, Row>,
  uics: Set<string>,
  attending: Set<string>,
  reject: (id: string, rejection: Rejection) => Decision,
): Decision {
  const config = recordConfigs[change.type];
  const existing = rows.get(key(config.table, change.recordId));
  const record = change.record;

  const referencesOk = (fields: readonly string[]): Rejection | undefined => {
    for (const reference of config.references) {
      if (!fields.includes(reference.field)) continue;
      const id = record[reference.field];
      if (id === null || id === undefined) continue;
      const target = rows.get(key(reference.table, id as string));
      if (!target || target.voided_at || !visibleTo(user, reference.type, target)) {
        return { code: "missing_reference", field: reference.field };
      }
    }
    return undefined;
  };

  if (change.op === "create") {
    if (!canWriteAt(user, change.type, (record.site_id as string | null) ?? null)) {
      return reject(change.id, { code: "outside_scope", field: "site_id" });
    }
    if (existing) {
      if (sameContent(config, record, existing)) {
        return {
          result: { id: change.id, status: "duplicate", version: existing.version as number },
        };
      }
      return conflict(change, existing);
    }
    const broken = referencesOk(config.columns);
    if (broken) return reject(change.id, broken);
    if (change.type === "client") {
      const taken = uicKey(record.site_id as string, record.uic as string);
      if (uics.has(taken)) return reject(change.id, { code: "uic_taken", field: "uic" });
      uics.add(taken);
    }
    if (change.type === "group_attendance") {
      const pair = `${record.session_id}:${record.client_id}`;
      if (attending.has(pair))
        return reject(change.id, { code: "already_attending", field: "client_id" });
      attending.add(pair);
    }
    const row: Record<string, unknown> = { id: change.recordId, created_by: user.id };
    for (const column of config.columns) row[column] = record[column] ?? null;
    if (config.staffColumn) row[config.staffColumn] = user.staffId;
    // Later changes of this batch may point at the new record.
    rows.set(key(config.table, change.recordId), {
      ...row,
      id: change.recordId,
      voided_at: null,
    } as Row);
    return {
      result: { id: change.id, status: "applied" },
      plan: { kind: "insert", change, row },
      receipt: { change, status: "applied" },
    };
  }

  if (!existing) return reject(change.id, { code: "not_found", field: "id" });
  if (
    !canWriteAt(user, change.type, (existing.site_id as string | null) ?? null) ||
    !canChangeRecordOf(user, existing.created_by as string | null)
  ) {
    return reject(change.id, { code: "outside_scope", field: "id" });
  }
  if (existing.version !== change.baseVersion) return conflict(change, existing);

  if (change.op === "void") {
    // Its code is free again at its site, for a client created later in the batch.
    if (change.type === "client")
      uics.delete(uicKey(existing.site_id as string, existing.uic as string));
    const values = { voided_at: new Date(), void_reason: change.voidReason };
    return {
      result: { id: change.id, status: "applied" },
      plan: { kind: "update", change, values },
      receipt: { change, status: "applied" },
    };
  }
  const immutable = config.columns.find(
    (column) =>
      !config.mutable.includes(column) &&
      JSON.stringify(record[column] ?? null) !== JSON.stringify(existing[column] ?? null),
  );
  if (immutable) return reject(change.id, { code: "immutable_field", field: immutable });
  const broken = referencesOk(config.mutable);
  if (broken) return reject(change.id, broken);
  if (change.type === "client" && record.uic !== existing.uic) {
    const taken = uicKey(existing.site_id as string, record.uic as string);
    if (uics.has(taken)) return reject(change.id, { code: "uic_taken", field: "uic" });
    uics.add(taken);
    uics.delete(uicKey(existing.site_id as string, existing.uic as string));
  }
  const values: Record<string, unknown> = {};
  for (const column of config.mutable) values[column] = record[column] ?? null;
  return {
    result: { id: change.id, status: "applied" },
    plan: { kind: "update", change, values },
    receipt: { change, status: "applied" },
  };
}

function conflict(change: ParsedChange, existing: Row): Decision {
  return {
    result: {
      id: change.id,
      status: "conflict",
      version: existing.version as number,
      server_record: presentRecord(existing),
    },
    receipt: { change, status: "conflict" },
  };
}
