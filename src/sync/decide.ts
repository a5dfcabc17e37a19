// The rules of a push, decided in memory before anything is written: for each change of the
// batch, in order, applied / duplicate / conflict / rejected, and what to write for it. All reads
// are batched: one query per table for the whole batch.
//
// Two rules shape every answer:
//   - nothing in it is about a record the pusher may not read ("Who sees what", policy.ts): an
//     update or void of such a record is answered as one of a record that does not exist
//     (`not_found`); a create whose id such a record has is refused (`id_taken`) without a word
//     of it; a conflict carries the server's copy only of a readable record;
//   - a change sent again gets the answer it first got (its receipt): `duplicate` with the version
//     it produced if it was applied, `conflict` again if it conflicted. A refused change wrote
//     nothing and is judged afresh.
import { canChangeRecordOf, canWriteAt, type SessionUser } from "../auth/policy.js";
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
import { loadReadability, type Rows, rowKey } from "./readable.js";
import { type RecordConfig, recordConfigs } from "./records.js";
import type { ParsedChange, Rejection, validateChange } from "./validate.js";

/** What the batch will write, decided before writing. */
export type Plan =
  | { kind: "insert"; change: ParsedChange; row: Record<string, unknown> }
  | { kind: "update"; change: ParsedChange; values: Record<string, unknown> };

export interface Decision {
  result: ChangeResult;
  plan?: Plan;
  /** Keep a receipt (applied or conflict) so a repeat gets the same answer. */
  receipt?: { change: ParsedChange; status: "applied" | "conflict" };
  /** The same change earlier in this batch: this one is answered as it is, once it is written. */
  repeatOf?: Decision;
}

type Readable = Awaited<ReturnType<typeof loadReadability>>;

function sameContent(config: RecordConfig, record: Record<string, unknown>, row: Row): boolean {
  return config.columns.every(
    (column) => JSON.stringify(record[column] ?? null) === JSON.stringify(row[column] ?? null),
  );
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

  // Every row the batch touches or points at, read once per table, then what those hang on.
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
  const rows: Rows = new Map();
  for (const [table, ids] of wanted) {
    for (const row of await findRows(trx, table as never, [...ids]))
      rows.set(rowKey(table, row.id), row);
  }
  const readable = await loadReadability(trx, user, rows);
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
  /** Records created by this batch (by `table:id`), and the decision that creates each. */
  const created = new Map<string, Decision>();
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
    if (earlier) {
      if (earlier.hash !== change.contentHash)
        return reject(change.id, { code: "change_reused", field: "id" });
      return { result: { id: change.id, status: "duplicate" }, repeatOf: earlier.decision };
    }
    const receipt = receipts.get(change.id);
    if (receipt) {
      // A change id is made on the device and shown to no one else: another user's, or other
      // content under it, is a reuse (whatever that other change was).
      if (receipt.user_id !== user.id || receipt.content_hash !== change.contentHash)
        return reject(change.id, { code: "change_reused", field: "id" });
      if (receipt.status === "applied") {
        return {
          result: {
            id: change.id,
            status: "duplicate",
            ...(receipt.version !== null ? { version: Number(receipt.version) } : {}),
          },
        };
      }
      const table = recordConfigs[change.type].table;
      // The same answer as the first time; its receipt is already kept.
      return {
        result: conflict(change, rows.get(rowKey(table, change.recordId)), readable).result,
      };
    }
    const decision = decideOne(user, change, { rows, created }, readable, uics, attending, reject);
    // A refused change is not "seen": a later copy in the batch is judged afresh, never answered
    // "duplicate" for something that was not applied.
    if (decision.result.status !== "rejected")
      inBatch.set(change.id, { hash: change.contentHash, decision });
    if (decision.plan?.kind === "insert")
      created.set(rowKey(recordConfigs[change.type].table, change.recordId), decision);
    return decision;
  });
}

/**
 * After writing, before the receipts: a change repeated within its batch (or the same record
 * created twice in it) gets the answer of the first — duplicate (with its version) if that was
 * applied, the same conflict, or the same refusal should the database have refused it after all.
 */
export function answerRepeats(decisions: readonly Decision[]): void {
  for (const d of decisions) {
    if (!d.repeatOf) continue;
    const first = d.repeatOf.result;
    d.result =
      first.status === "applied"
        ? {
            id: d.result.id,
            status: "duplicate",
            ...(first.version !== undefined ? { version: first.version } : {}),
          }
        : { ...first, id: d.result.id };
    if (d.result.status === "rejected") d.receipt = undefined;
  }
}

function decideOne(
  user: SessionUser,
  change: ParsedChange,
  { rows, created }: { rows: Rows; created: Map<string, Decision> },
  readable: Readable,
  uics: Set<string>,
  attending: Set<string>,
  reject: (id: string, rejection: Rejection) => Decision,
): Decision {
  const config = recordConfigs[change.type];
  const existing = rows.get(rowKey(config.table, change.recordId));
  const record = change.record;

  const referencesOk = (fields: readonly string[]): Rejection | undefined => {
    for (const reference of config.references) {
      if (!fields.includes(reference.field)) continue;
      const id = record[reference.field];
      if (id === null || id === undefined) continue;
      const target = rows.get(rowKey(reference.table, id as string));
      // Missing, voided and unreadable are one answer: it says nothing of what is there.
      if (
        !target ||
        target.voided_at ||
        (reference.type !== undefined && !readable(reference.type, target))
      ) {
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
      // Ids are random UUIDv7s: a device knows one only if it made it or was shown the record.
      // Refusing the id tells nothing that such a device did not know (records are never
      // deleted), and nothing else of the record.
      if (!readable(change.type, existing))
        return reject(change.id, { code: "id_taken", field: "id" });
      const first = created.get(rowKey(config.table, change.recordId));
      if (first) {
        // Created earlier in this batch under another change id: the same record is a repeat of
        // it (answered once that is written); other content under its id is refused.
        if (!sameContent(config, record, existing))
          return reject(change.id, { code: "id_taken", field: "id" });
        return {
          result: { id: change.id, status: "duplicate" },
          repeatOf: first,
          receipt: { change, status: "applied" },
        };
      }
      if (sameContent(config, record, existing)) {
        // The device's copy is the server's, at this version: kept, so a repeat says the same.
        return {
          result: { id: change.id, status: "duplicate", version: existing.version as number },
          receipt: { change, status: "applied" },
        };
      }
      return conflict(change, existing, readable);
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
    rows.set(rowKey(config.table, change.recordId), {
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

  if (!existing || !readable(change.type, existing))
    return reject(change.id, { code: "not_found", field: "id" });
  if (
    !canWriteAt(user, change.type, (existing.site_id as string | null) ?? null) ||
    !canChangeRecordOf(user, existing.created_by as string | null)
  ) {
    return reject(change.id, { code: "outside_scope", field: "id" });
  }
  if (existing.voided_at) return reject(change.id, { code: "record_voided", field: "id" });
  if (existing.version !== change.baseVersion) return conflict(change, existing, readable);

  if (change.op === "void") {
    // Its code is free again at its site, for a client created later in the batch.
    if (change.type === "client")
      uics.delete(uicKey(existing.site_id as string, existing.uic as string));
    // Later changes of this batch find it voided.
    existing.voided_at = new Date();
    const values = { voided_at: existing.voided_at, void_reason: change.voidReason };
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

/**
 * The record changed since the device saw it: the server's copy goes back — if the pusher may
 * still read it (a repeat may come after the record left their sight; then the answer is a bare
 * conflict, with neither copy nor version).
 */
function conflict(change: ParsedChange, existing: Row | undefined, readable: Readable): Decision {
  const shown = existing && readable(change.type, existing);
  return {
    result: {
      id: change.id,
      status: "conflict",
      ...(shown
        ? { version: existing.version as number, server_record: presentRecord(existing) }
        : {}),
    },
    receipt: { change, status: "conflict" },
  };
}
