// POST /api/sync/push, the rules: each change of a batch is answered applied, duplicate (a retry of
// a change already applied), conflict (the record changed since the device saw it; the server's
// copy goes back) or rejected (with the reason). Valid changes are applied even when others in the
// batch are refused. The batch is one transaction: an answer is only ever sent for what committed.
//
// Speed: all reads are batched per table, decisions are made in memory in the batch's order, and
// new records are written with one INSERT per table. Should a write still fail (a rule only the
// database knows), the batch falls back to writing change by change, each in a savepoint, so one
// bad change is refused and the others are applied.
import {
  canChangeRecordOf,
  canWriteAt,
  type RecordType,
  readableSites,
  recordTypes,
  type SessionUser,
  seesOnlyOwnClients,
} from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { sealClientDetails } from "../people/details.js";
import { presentRecord } from "./present.js";
import { type ChangeResult, MAX_BATCH, type TPushRequest } from "./protocol.js";
import {
  findLiveAttendances,
  findLiveUics,
  findReceipts,
  findRows,
  insertReceipts,
  insertRows,
  lockSyncWrites,
  type Row,
  sqlRelease,
  sqlRollbackTo,
  sqlSavepoint,
  touchDevice,
  updateRowAtVersion,
} from "./queries.js";
import { type RecordConfig, recordConfigs } from "./records.js";
import { type ParsedChange, type Rejection, validateChange, vietnamToday } from "./validate.js";

export interface PushOptions {
  now: Date;
  clientDetailsKey: Buffer;
  /** Turns a rejection into words in the user's language. */
  describe: (rejection: Rejection) => string;
}

/** What the batch will write, decided before writing. */
type Plan =
  | { kind: "insert"; change: ParsedChange; row: Record<string, unknown> }
  | { kind: "update"; change: ParsedChange; values: Record<string, unknown> };

interface Decision {
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

export async function pushChanges(
  db: Db,
  user: SessionUser,
  request: TPushRequest,
  options: PushOptions,
) {
  if (request.changes.length > MAX_BATCH) {
    throw new AppError("payload_too_large", {
      values: { max: MAX_BATCH },
      detail: `${request.changes.length} changes`,
    });
  }
  const today = vietnamToday(options.now);
  const validated = request.changes.map((change) => validateChange(change, today));

  return db.transaction().execute(async (trx) => {
    await lockSyncWrites(trx);
    await touchDevice(trx, request.device_id, user.id, "last_push_at", options.now);
    const decisions = await decide(trx, user, validated, options);
    await write(trx, user, decisions, options);
    return { results: decisions.map((d) => d.result) };
  });
}

async function decide(
  trx: Db,
  user: SessionUser,
  validated: ReturnType<typeof validateChange>[],
  options: PushOptions,
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
      parsed.filter((c) => c.type === "client").map((c) => c.record.uic as string),
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
      message: options.describe(rejection),
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
      if (uics.has(record.uic as string))
        return reject(change.id, { code: "uic_taken", field: "uic" });
      uics.add(record.uic as string);
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
    if (uics.has(record.uic as string))
      return reject(change.id, { code: "uic_taken", field: "uic" });
    uics.add(record.uic as string);
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

/** Details (name, phone) are sealed here, so plaintext never reaches a table. */
function withSealedDetails(plan: Plan, key: Buffer): Record<string, unknown> {
  const target = plan.kind === "insert" ? { ...plan.row } : { ...plan.values };
  if (plan.change.type !== "client") return target;
  const { name, phone } = plan.change.record as { name?: string; phone?: string };
  if (plan.kind === "update" && name === undefined && phone === undefined) return target;
  return { ...target, ...sealClientDetails(key, plan.change.recordId, { name, phone }) };
}

async function write(
  trx: Db,
  user: SessionUser,
  decisions: Decision[],
  options: PushOptions,
): Promise<void> {
  try {
    await sqlSavepoint(trx, "fast");
    await writeFast(trx, decisions, options);
    await sqlRelease(trx, "fast");
  } catch {
    await sqlRollbackTo(trx, "fast");
    await writeCarefully(trx, decisions, options);
  }
  await insertReceipts(
    trx,
    decisions.flatMap((d) =>
      d.receipt && d.result.status !== "rejected"
        ? [
            {
              change_id: d.receipt.change.id,
              user_id: user.id,
              record_type: d.receipt.change.type,
              record_id: d.receipt.change.recordId,
              content_hash: d.receipt.change.contentHash,
              status: d.receipt.status,
              version: d.result.version ?? null,
            },
          ]
        : [],
    ),
  );
}

async function writeFast(trx: Db, decisions: Decision[], options: PushOptions): Promise<void> {
  for (const type of recordTypes) {
    const inserts = decisions.filter(
      (d) => d.plan?.kind === "insert" && d.plan.change.type === type,
    );
    const table = recordConfigs[type].table;
    for (let start = 0; start < inserts.length; start += 500) {
      const chunk = inserts.slice(start, start + 500);
      const written = await insertRows(
        trx,
        table,
        chunk.map((d) => withSealedDetails(d.plan!, options.clientDetailsKey)),
      );
      const versions = new Map(written.map((w) => [w.id, w.version]));
      for (const d of chunk) d.result.version = versions.get(d.plan!.change.recordId);
    }
  }
  for (const d of decisions) {
    if (d.plan?.kind !== "update") continue;
    await applyUpdate(trx, d, options);
  }
}

async function applyUpdate(trx: Db, d: Decision, options: PushOptions): Promise<void> {
  const plan = d.plan as Extract<Plan, { kind: "update" }>;
  const table = recordConfigs[plan.change.type].table;
  const version = await updateRowAtVersion(
    trx,
    table,
    plan.change.recordId,
    plan.change.baseVersion!,
    withSealedDetails(plan, options.clientDetailsKey),
  );
  if (version === undefined) throw new Error("record changed during the push");
  d.result.version = version;
}

/** One change at a time, each in a savepoint: a change the database refuses is rejected alone. */
async function writeCarefully(trx: Db, decisions: Decision[], options: PushOptions): Promise<void> {
  for (const [index, d] of decisions.entries()) {
    if (!d.plan) continue;
    const name = `change_${index}`;
    await sqlSavepoint(trx, name);
    try {
      if (d.plan.kind === "insert") {
        const [written] = await insertRows(trx, recordConfigs[d.plan.change.type].table, [
          withSealedDetails(d.plan, options.clientDetailsKey),
        ]);
        d.result.version = written?.version;
      } else {
        await applyUpdate(trx, d, options);
      }
      await sqlRelease(trx, name);
    } catch {
      await sqlRollbackTo(trx, name);
      const rejection: Rejection = { code: "database_refused" };
      d.result = {
        id: d.result.id,
        status: "rejected",
        code: rejection.code,
        message: options.describe(rejection),
      };
      d.receipt = undefined;
    }
  }
}
